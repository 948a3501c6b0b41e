using Dapper;
using GoldAnalytics.Data.Kpis;
using Npgsql;

namespace GoldAnalytics.Data.Tests.Kpis.Incremental;

/// <summary>The rollups refreshed cell by cell after each kind of write equal a rebuild of everything from the lines.</summary>
public sealed class RollupRefreshTests : KpiEngineTestBase
{
    private static readonly string[] Tables =
    [
        "sales_daily", "invoice_daily", "product_daily", "customer_daily", "customer_first_purchase", "stock_daily", "expense_daily",
    ];

    [Fact]
    public async Task A_new_sale_is_added_to_the_rollups_by_its_writer_without_a_rebuild()
    {
        await Shop.SellAsync(new(2024, 1, 10), ShopFixture.Downtown, ShopFixture.Ring22, 1_000m, 0m, 0m, 600m, customer: 1);
        await Shop.SellAsync(new(2024, 1, 10), ShopFixture.Mall, ShopFixture.Coin24, 2_000m, 0m, 0m, 1_500m, customer: 2);
        await Rollups.RefreshDirtyAsync();

        await Shop.SellAsync(new(2024, 1, 10), ShopFixture.Mall, ShopFixture.Ring22, 500m, 0m, 0m, 300m, customer: 1);

        (await DirtyCellsAsync()).Should().BeEmpty();
        await ShouldEqualARebuildFromScratchAsync();
    }

    [Fact]
    public async Task A_line_added_to_an_existing_invoice_rebuilds_only_its_branch_and_day()
    {
        var invoice = await Shop.SellAsync(new(2024, 1, 10), ShopFixture.Mall, ShopFixture.Ring22, 1_000m, 0m, 0m, 600m, customer: 1);
        await Shop.SellAsync(new(2024, 1, 10), ShopFixture.Downtown, ShopFixture.Coin24, 2_000m, 0m, 0m, 1_500m, customer: 2);

        await ExecuteAsync("""
            INSERT INTO invoice_lines (invoice_id, line_no, product_id, quantity, weight_g, gold_rate, gold_value, making_charge_type,
                making_charge_value, making_charge, discount, tax_rate, tax, line_total, line_cost, business_date, branch_id,
                salesperson_id, customer_id, category, product_line_id, karat)
            SELECT invoice_id, 2, 2, 1, 10, 250, 2500, 'percent', 1, 25, 0, 0.05, 126.25, 2651.25, 2000, business_date, branch_id,
                   salesperson_id, customer_id, 'coin', 2, 24
              FROM invoice_lines WHERE invoice_id = @id
            """, invoice);
        var cells = await DirtyCellsAsync();
        await Rollups.RefreshDirtyAsync();

        // The invoice now has lines in two cells of the Mall's day: counted once per cell, once in invoice_daily.
        cells.Should().Equal((new DateTime(2024, 1, 10), ShopFixture.Mall, "sales"));
        await ShouldEqualARebuildFromScratchAsync();
    }

    [Fact]
    public async Task Inserts_edits_soft_deletes_and_refunds_leave_the_rollups_equal_to_a_rebuild()
    {
        var first = await Shop.SellAsync(new(2024, 1, 10), ShopFixture.Downtown, ShopFixture.Ring22, 1_000m, 100m, 50m, 700m, customer: 1);
        var second = await Shop.SellAsync(new(2024, 1, 11), ShopFixture.Mall, ShopFixture.Coin24, 2_000m, 0m, 0m, 1_900m, customer: 2);
        var third = await Shop.SellAsync(new(2024, 1, 12), ShopFixture.Mall, ShopFixture.Ring22, 800m, 0m, 0m, 500m, customer: 2);
        await Rollups.RefreshDirtyAsync();
        await ShouldEqualARebuildFromScratchAsync();

        // A refund on another day and branch than its sale.
        await Shop.RefundAsync(first, new(2024, 2, 1), amountWithTax: 1_050m, costReversed: 700m);
        await Rollups.RefreshDirtyAsync();
        await ShouldEqualARebuildFromScratchAsync();

        // An edit moving an invoice to another day, branch and customer (customer 2's first purchase moves).
        await ExecuteAsync("UPDATE invoices SET business_date = '2024-01-05', branch_id = 1, customer_id = 1 WHERE id = @id", second);
        await Rollups.RefreshDirtyAsync();
        await ShouldEqualARebuildFromScratchAsync();

        // Soft-deleting the refunded invoice removes its refund from the refund's own day too.
        await ExecuteAsync("UPDATE invoices SET deleted_at = now() WHERE id = @id", first);
        await Rollups.RefreshDirtyAsync();
        await ShouldEqualARebuildFromScratchAsync();

        // A hard delete of lines, stock movements and expenses of a head office and a branch.
        await ExecuteAsync("DELETE FROM invoice_lines WHERE invoice_id = @id", third);
        await Shop.MoveStockAsync(new(2024, 1, 3), ShopFixture.Mall, ShopFixture.Coin24, "receipt", 4);
        await ExecuteAsync("""
            INSERT INTO expenses (branch_id, category, business_date, amount) VALUES (NULL, 'rent', '2024-01-04', 900), (2, 'utilities', '2024-01-04', 120)
            """, 0);
        await Rollups.RefreshDirtyAsync();
        await ShouldEqualARebuildFromScratchAsync();

        await ExecuteAsync("UPDATE expenses SET deleted_at = now() WHERE branch_id IS NULL AND @id = @id", 0);
        await ExecuteAsync("UPDATE stock_movements SET business_date = '2024-01-06' WHERE @id = @id", 0);
        await Rollups.RefreshDirtyAsync();
        await ShouldEqualARebuildFromScratchAsync();
    }

    private KpiRollups Rollups => new(DataSource);

    private async Task ExecuteAsync(string sql, long id)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, new { id });
    }

    private async Task<List<(DateTime Day, int BranchId, string Source)>> DirtyCellsAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return [.. await connection.QueryAsync<(DateTime, int, string)>("SELECT day, branch_id, source FROM kpi_dirty_cells ORDER BY 1, 2, 3")];
    }

    private async Task ShouldEqualARebuildFromScratchAsync()
    {
        var refreshed = await ContentsAsync();
        await Rollups.RebuildAllAsync();
        var rebuilt = await ContentsAsync();
        foreach (var table in Tables)
        {
            refreshed[table].Should().Equal(rebuilt[table], $"{table} refreshed cell by cell must equal {table} rebuilt from the lines");
        }

        refreshed["sales_daily"].Should().NotBeEmpty();
    }

    private async Task<Dictionary<string, List<string>>> ContentsAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        var contents = new Dictionary<string, List<string>>();
        foreach (var table in Tables)
        {
#pragma warning disable CA2100 // table names are the constants above
            contents[table] = [.. await connection.QueryAsync<string>($"SELECT t::text FROM {table} t ORDER BY t::text")];
#pragma warning restore CA2100
        }

        return contents;
    }
}
