using Dapper;
using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Testing;
using Npgsql;

namespace GoldAnalytics.Data.Tests.Migrations;

public sealed class MigratorTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Applies_every_migration_on_an_empty_database_and_nothing_the_second_time()
    {
        var migrator = new Migrator(_database.ConnectionString);

        var first = await migrator.MigrateAsync([MigrationSet.Shop]);
        var second = await migrator.MigrateAsync([MigrationSet.Shop]);

        first.Should().NotBeEmpty().And.OnlyHaveUniqueItems();
        second.Should().BeEmpty();
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        var recorded = await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM schema_migrations WHERE migration_set = 'shop'");
        recorded.Should().Be(first.Count);
    }

    [Fact]
    public async Task Shop_schema_has_a_table_for_every_part_of_the_domain()
    {
        await new Migrator(_database.ConnectionString).MigrateAsync([MigrationSet.Shop]);

        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        var tables = (await connection.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).ToList();
        tables.Should().Contain(
        [
            "branches", "staff", "suppliers", "categories", "product_lines", "products", "gold_rates",
            "loyalty_tiers", "customers", "loyalty_ledger", "invoices", "invoice_lines", "refunds", "trade_ins",
            "purchase_orders", "purchase_order_lines", "stock_transfers", "stock_movements", "stock_levels", "lost_sales",
            "expenses", "targets", "audit_log",
        ]);
    }

    [Fact]
    public async Task Concurrent_migrators_apply_each_migration_exactly_once()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => new Migrator(_database.ConnectionString).MigrateAsync([MigrationSet.Shop]))));

        var all = runs.SelectMany(applied => applied).ToList();
        all.Should().OnlyHaveUniqueItems();
        runs.Count(applied => applied.Count > 0).Should().Be(1, "the first migrator to take the lock applies everything and the rest find nothing to do");
    }
}
