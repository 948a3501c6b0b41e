using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace GoldAnalytics.Data.Kpis;

/// <summary>
/// The empty copies a full rebuild fills beside the live rollups (<c>sales_daily_rebuild</c> …):
/// created and committed first so that several sessions can fill them at once, invisible to the
/// dashboard, then given their secondary indexes and swapped in by the coordinating transaction,
/// which drops the live tables and takes over their names, constraint and index names included.
/// </summary>
internal sealed partial class RollupShadowTables
{
    /// <summary>What a shadow table's name adds to its rollup's.</summary>
    public const string Suffix = "_rebuild";

    // Where an earlier version of the rebuild kept each session's first purchases: dropped if a killed run left it.
    private const string FirstPurchaseCandidates = "customer_first_purchase_candidates";

    private readonly IReadOnlyList<ShadowTable> _tables;

    private RollupShadowTables(IReadOnlyList<ShadowTable> tables) => _tables = tables;

    /// <summary>A rollup's shadow: the index builds once it is filled (each may run beside the others), then its keys and statistics, and the statements that swap it in.</summary>
    private sealed record ShadowTable(string Rollup, IReadOnlyList<string> Builds, IReadOnlyList<string> Completes, IReadOnlyList<string> Renames)
    {
        public string Name => Rollup + Suffix;
    }

    /// <summary>Drops what a failed rebuild left, then creates and commits the empty shadow tables with their keys.</summary>
    public static async Task<RollupShadowTables> CreateAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> rollups, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await DropLeftoversAsync(connection, transaction, rollups, cancellationToken);
        var constraints = (await connection.QueryAsync<(string Table, string Name, string Definition)>(new CommandDefinition(
            Constraints, new { tables = rollups.ToArray() }, transaction, cancellationToken: cancellationToken))).ToLookup(c => c.Table);
        var indexes = (await connection.QueryAsync<(string Table, string Name, string Create, string Using)>(new CommandDefinition(
            SecondaryIndexes, new { tables = rollups.ToArray() }, transaction, cancellationToken: cancellationToken))).ToLookup(i => i.Table);
        var tables = new List<ShadowTable>();
        foreach (var rollup in rollups)
        {
            var shadow = rollup + Suffix;
            await ExecuteAsync(connection, transaction, $"CREATE TABLE {shadow} (LIKE {rollup} INCLUDING ALL EXCLUDING INDEXES)", cancellationToken);
            var renames = new List<string> { $"DROP TABLE {rollup}", $"ALTER TABLE {shadow} RENAME TO {rollup}" };

            // Keys are built like the other indexes once the table is full: one sort is cheaper than
            // keeping the key's tree through every month's copy, and a duplicate key still fails the rebuild.
            // A key's unique index is built beside the others, then becomes the constraint.
            var builds = new List<string>();
            var completes = new List<string>();
            foreach (var (_, name, definition) in constraints[rollup])
            {
                var key = KeyDefinition().Match(definition);
                if (key.Success)
                {
                    builds.Add($"CREATE UNIQUE INDEX {ShadowName(name)} ON {shadow} ({key.Groups["columns"].Value})");
                    completes.Add($"ALTER TABLE {shadow} ADD CONSTRAINT {ShadowName(name)} {key.Groups["kind"].Value} USING INDEX {ShadowName(name)}");
                }
                else
                {
                    completes.Add($"ALTER TABLE {shadow} ADD CONSTRAINT {ShadowName(name)} {definition}");
                }

                renames.Add($"ALTER TABLE {rollup} RENAME CONSTRAINT {ShadowName(name)} TO {name}");
            }

            builds.AddRange(indexes[rollup].Select(i => $"{i.Create} {ShadowName(i.Name)} ON {shadow}{i.Using}"));
            renames.AddRange(indexes[rollup].Select(i => $"ALTER INDEX {ShadowName(i.Name)} RENAME TO {i.Name}"));
            tables.Add(new(rollup, builds, [.. completes, $"ANALYZE {shadow}"], renames));
        }

        await transaction.CommitAsync(cancellationToken);
        return new RollupShadowTables(tables);
    }

    /// <summary>
    /// The index builds, largest table first, one job each; a table with a statement that completes it
    /// (keyed by rollup) is one job: the statement, then its builds.
    /// </summary>
    public IEnumerable<IReadOnlyList<string>> IndexJobs(IReadOnlyDictionary<string, string> completions) =>
        _tables.SelectMany(t => completions.TryGetValue(t.Rollup, out var completion)
            ? [[completion, .. t.Builds]]
            : t.Builds.Select(b => (IReadOnlyList<string>)[b]));

    /// <summary>One job per table once its indexes stand: its keys from their indexes, its statistics.</summary>
    public IEnumerable<IReadOnlyList<string>> KeyJobs() => _tables.Select(t => t.Completes);

    /// <summary>Drops the live rollups and gives their names to the shadows, inside the caller's transaction.</summary>
    public async Task SwapInAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var statement in _tables.SelectMany(t => t.Renames))
        {
            await ExecuteAsync(connection, transaction, statement, cancellationToken);
        }
    }

    /// <summary>Drops the shadow tables of a rebuild that did not finish; the live rollups are untouched.</summary>
    public static async Task DropAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> rollups, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await DropLeftoversAsync(connection, transaction, rollups, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task DropLeftoversAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> rollups, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, transaction, $"DROP TABLE IF EXISTS {string.Join(", ", rollups.Select(r => r + Suffix).Append(FirstPurchaseCandidates))}", cancellationToken);

    // A key's definition as pg_get_constraintdef writes it: its kind and its columns.
    [GeneratedRegex(@"^(?<kind>PRIMARY KEY|UNIQUE) \((?<columns>[^()]+)\)$")]
    private static partial Regex KeyDefinition();

    // Shadow names must not collide with the live tables' until the swap: identifiers stop at 63 bytes.
    private static string ShadowName(string name) => name[..Math.Min(name.Length, 63 - Suffix.Length)] + Suffix;

    private static Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));

    // LIKE ... INCLUDING ALL EXCLUDING INDEXES copies checks and defaults, not keys: they are added by
    // name. Whatever depends on a live rollup (a view, a foreign key to it) makes the swap's DROP fail,
    // and the whole rebuild with it, instead of vanishing.
    private const string Constraints = """
        SELECT t.relname, c.conname, pg_get_constraintdef(c.oid)
          FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
         WHERE c.contype IN ('p', 'u', 'f') AND t.relname = ANY(@tables) AND t.relnamespace = current_schema()::regnamespace
         ORDER BY t.relname, c.conname
        """;

    // The definition from its method on ("USING btree (customer_id, day)"), to be put on the shadow table.
    private const string SecondaryIndexes = """
        SELECT t.relname, i.relname, CASE WHEN x.indisunique THEN 'CREATE UNIQUE INDEX' ELSE 'CREATE INDEX' END,
               substring(pg_get_indexdef(x.indexrelid) from ' USING .*$')
          FROM pg_index x
          JOIN pg_class t ON t.oid = x.indrelid
          JOIN pg_class i ON i.oid = x.indexrelid
         WHERE t.relname = ANY(@tables) AND t.relnamespace = current_schema()::regnamespace
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u', 'x'))
         ORDER BY t.relname, i.relname
        """;
}
