using GoldAnalytics.Data.Migrations;
using Npgsql;
using Xunit;

namespace GoldAnalytics.Testing;

/// <summary>A fresh, empty database on the test cluster, dropped when the test class is done.</summary>
public class PostgresDatabase : IAsyncLifetime
{
    private readonly string _name = $"t_{Guid.NewGuid():N}";

    /// <summary>Connection string of this test's own database.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Migration sets applied when the database is created; none by default.</summary>
    protected virtual IEnumerable<MigrationSet> Migrations => [];

    // The database name is a generated identifier, never input; DDL cannot take it as a parameter.
#pragma warning disable CA2100
    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(TestServices.PostgresAdmin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(TestServices.PostgresAdmin) { Database = _name }.ConnectionString;
        var sets = Migrations.ToList();
        if (sets.Count > 0)
        {
            await new Migrator(ConnectionString).MigrateAsync(sets);
        }
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestServices.PostgresAdmin);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
#pragma warning restore CA2100
}

/// <summary>A fresh database with the shop schema applied.</summary>
public sealed class ShopDatabase : PostgresDatabase
{
    protected override IEnumerable<MigrationSet> Migrations => [MigrationSet.Shop];
}
