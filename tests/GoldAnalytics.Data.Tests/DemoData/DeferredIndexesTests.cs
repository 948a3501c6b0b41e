using Dapper;
using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Testing;
using Npgsql;

namespace GoldAnalytics.Data.Tests.DemoData;

public sealed class DeferredIndexesTests(RebuiltShopFixture shop) : IClassFixture<RebuiltShopFixture>
{
    private const string Definitions = """
        SELECT pg_get_indexdef(indexrelid) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
        WHERE t.relnamespace = current_schema()::regnamespace
        UNION ALL
        SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
        WHERE connamespace = current_schema()::regnamespace
        """;

    [Fact]
    public async Task A_load_that_rebuilds_indexes_ends_with_the_same_indexes_and_constraints_as_the_schema()
    {
        var fresh = new ShopDatabase();
        await fresh.InitializeAsync();
        try
        {
            await using var expected = new NpgsqlConnection(fresh.ConnectionString);
            await using var loaded = new NpgsqlConnection(shop.ConnectionString);

            var schema = (await expected.QueryAsync<string>(Definitions)).ToList();
            var afterLoad = (await loaded.QueryAsync<string>(Definitions)).ToList();

            shop.Summary.IndexesRebuilt.Should().BeTrue();
            schema.Should().Contain(d => d.Contains("invoice_lines_business_date_brin", StringComparison.Ordinal));
            afterLoad.Should().BeEquivalentTo(schema);
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    [Fact]
    public async Task Rebuilt_foreign_keys_are_validated_and_enforced()
    {
        await using var connection = new NpgsqlConnection(shop.ConnectionString);

        var notValidated = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated AND connamespace = current_schema()::regnamespace");
        var orphan = () => connection.ExecuteAsync("INSERT INTO refunds (invoice_line_id, invoice_id, branch_id, product_id, business_date, refunded_at, quantity, amount, cost_reversed) VALUES (-1, -1, 1, 1, '2026-01-01', now(), 1, 1, 0)");

        notValidated.Should().Be(0);
        await orphan.Should().ThrowAsync<PostgresException>().Where(e => e.SqlState == PostgresErrorCodes.ForeignKeyViolation);
    }
}
