using Npgsql;
using Xunit;

namespace GoldAnalytics.Testing;

/// <summary>A test class with a fresh database of its own and a data source on it, both gone when the class is done.</summary>
public abstract class DataSourceTest<TDatabase> : IAsyncLifetime
    where TDatabase : PostgresDatabase, new()
{
    private readonly TDatabase _database = new();

    /// <summary>Data source on the test's database.</summary>
    protected NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>Connection string of the test's database.</summary>
    protected string ConnectionString => _database.ConnectionString;

    public virtual async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        DataSource = NpgsqlDataSource.Create(_database.ConnectionString);
    }

    public virtual async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _database.DisposeAsync();
    }
}
