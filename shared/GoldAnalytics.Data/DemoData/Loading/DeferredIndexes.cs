using Dapper;
using Npgsql;

namespace GoldAnalytics.Data.DemoData.Loading;

/// <summary>
/// Secondary indexes and foreign keys of the demo tables, dropped before a large load and rebuilt
/// after it in the same transaction: one sort per index and one join per foreign key is much cheaper
/// than maintaining them row by row. Primary keys, unique constraints and checks stay: ids arrive in
/// order, so keeping their indexes costs about as much server CPU as rebuilding them (measured).
/// </summary>
internal sealed class DeferredIndexes
{
    private readonly List<string> _recreate = [];

    private DeferredIndexes()
    {
    }

    /// <summary>Drops them (inside the caller's transaction) and remembers how to rebuild them.</summary>
    public static async Task<DeferredIndexes> DropAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        var deferred = new DeferredIndexes();
        var foreignKeys = (await connection.QueryAsync<(string Drop, string Create)>(new CommandDefinition(ForeignKeys, new { tables = tables.ToArray() }, transaction, cancellationToken: cancellationToken))).ToList();
        var indexes = (await connection.QueryAsync<(string Drop, string Create)>(new CommandDefinition(SecondaryIndexes, new { tables = tables.ToArray() }, transaction, cancellationToken: cancellationToken))).ToList();
        foreach (var (drop, _) in foreignKeys.Concat(indexes))
        {
            await connection.ExecuteAsync(new CommandDefinition(drop, transaction: transaction, cancellationToken: cancellationToken));
        }

        // Indexes first: their builds refresh the table sizes the foreign key checks plan with.
        deferred._recreate.AddRange(indexes.Select(i => i.Create));
        deferred._recreate.AddRange(foreignKeys.Select(f => f.Create));
        return deferred;
    }

    /// <summary>How many indexes and foreign keys were dropped.</summary>
    public int Count => _recreate.Count;

    /// <summary>Rebuilds everything that was dropped.</summary>
    public async Task RebuildAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Action<int>? onEach, CancellationToken cancellationToken)
    {
        // Sorts for the indexes and hash joins for the foreign key checks stay in memory instead of spilling.
        await connection.ExecuteAsync(new CommandDefinition("SET LOCAL maintenance_work_mem = '512MB'; SET LOCAL work_mem = '256MB'", transaction: transaction, cancellationToken: cancellationToken));
        for (var i = 0; i < _recreate.Count; i++)
        {
            await connection.ExecuteAsync(new CommandDefinition(_recreate[i], transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));
            onEach?.Invoke(i + 1);
        }
    }

    private const string ForeignKeys = """
        SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname) AS drop,
               format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS create
        FROM pg_constraint c
        JOIN pg_class t ON t.oid = c.conrelid
        WHERE c.contype = 'f' AND t.relname = ANY(@tables) AND t.relnamespace = current_schema()::regnamespace
        ORDER BY t.relname, c.conname
        """;

    private const string SecondaryIndexes = """
        SELECT format('DROP INDEX %s', i.indexrelid::regclass) AS drop, pg_get_indexdef(i.indexrelid) AS create
        FROM pg_index i
        JOIN pg_class t ON t.oid = i.indrelid
        WHERE t.relname = ANY(@tables) AND t.relnamespace = current_schema()::regnamespace
          AND NOT i.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
        ORDER BY t.relname, i.indexrelid::regclass::text
        """;
}
