using Npgsql;

namespace GoldAnalytics.Runtime.Durable.Store;

/// <summary>The durable store's connection pool, tuned for the engine (auto-prepared statements).</summary>
public sealed class DurableStore : IAsyncDisposable
{
    /// <summary>Creates the pool for a connection string.</summary>
    public DurableStore(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // The engine's statements repeat constantly: let Npgsql prepare them server-side after two uses.
        builder.ConnectionStringBuilder.MaxAutoPrepare = Math.Max(builder.ConnectionStringBuilder.MaxAutoPrepare, 64);
        builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        DataSource = builder.Build();
    }

    /// <summary>The pool.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
