using Dapper;
using GoldAnalytics.Data.Outbox;
using Npgsql;

namespace GoldAnalytics.Data.Entry;

/// <summary>
/// One acknowledged write: a transaction in which the change, its audit entries and its domain
/// events commit together, so no change is ever unaudited or unannounced.
/// </summary>
public sealed class ShopWrite : IAsyncDisposable
{
    private ShopWrite(NpgsqlConnection connection, NpgsqlTransaction transaction, string actor)
    {
        Connection = connection;
        Transaction = transaction;
        Actor = actor;
    }

    /// <summary>The open connection of the write.</summary>
    public NpgsqlConnection Connection { get; }

    /// <summary>The write's transaction.</summary>
    public NpgsqlTransaction Transaction { get; }

    /// <summary>The key name (or 'system') the audit log and events name.</summary>
    public string Actor { get; }

    /// <summary>Seconds a statement may run (0 = no limit; null = the connection's default). Imports lift it; the caller's token still bounds them.</summary>
    public int? CommandTimeoutSeconds { get; set; }

    /// <summary>Opens a connection and begins the write's transaction.</summary>
    public static async Task<ShopWrite> BeginAsync(NpgsqlDataSource dataSource, string actor, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        return new ShopWrite(connection, transaction, actor);
    }

    /// <summary>Records who changed which row, with the row's JSON before and after.</summary>
    public async Task AuditAsync(string table, string recordId, string action, string? before, string? after, CancellationToken cancellationToken)
    {
        await ExecuteAsync("""
            INSERT INTO audit_log (actor, table_name, record_id, action, before, after)
            VALUES (@Actor, @table, @recordId, @action, @before::jsonb, @after::jsonb)
            """, new { Actor, table, recordId, action, before, after }, cancellationToken);
    }

    /// <summary>Announces the change through the outbox, in the same transaction.</summary>
    public Task EmitAsync(DomainEvent domainEvent, CancellationToken cancellationToken) =>
        OutboxStore.AppendAsync(Connection, Transaction, domainEvent, Actor, cancellationToken);

    /// <summary>Runs a statement in the write's transaction (Dapper), returning the rows affected.</summary>
    public Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken cancellationToken) =>
        Connection.ExecuteAsync(new CommandDefinition(sql, parameters, Transaction, CommandTimeoutSeconds, cancellationToken: cancellationToken));

    /// <summary>Runs a query in the write's transaction (Dapper).</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken cancellationToken) =>
        [.. await Connection.QueryAsync<T>(new CommandDefinition(sql, parameters, Transaction, CommandTimeoutSeconds, cancellationToken: cancellationToken))];

    /// <summary>Runs a query returning at most one value in the write's transaction (Dapper).</summary>
    public Task<T?> SingleAsync<T>(string sql, object? parameters, CancellationToken cancellationToken) =>
        Connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, parameters, Transaction, CommandTimeoutSeconds, cancellationToken: cancellationToken));

    /// <summary>
    /// Holds every other write of the same natural key back until this one ends, also while no row has that key yet
    /// (a row lock needs a row): so "does it exist yet?" stays true for the rest of the write.
    /// </summary>
    /// <param name="scope">What kind of key, e.g. the table.</param>
    public Task LockKeyAsync(string scope, string key, CancellationToken cancellationToken) =>
        ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext(@scope), hashtext(@key))", new { scope, key }, cancellationToken);

    /// <summary>Commits the change, its audit entries and its events.</summary>
    public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
