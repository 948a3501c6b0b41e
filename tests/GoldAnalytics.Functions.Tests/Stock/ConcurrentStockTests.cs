using System.Net;
using GoldAnalytics.Functions.Tests.Entry;
using Npgsql;

namespace GoldAnalytics.Functions.Tests.Stock;

/// <summary>Dubai (branch 1) refuses negative stock: no sale, adjustment or withdrawal may take it below zero, however many run at once.</summary>
public sealed class ConcurrentStockTests(EntryHost host) : IClassFixture<EntryHost>
{
    [Fact]
    public async Task Twenty_concurrent_sales_of_a_piece_sell_the_five_in_stock_and_the_refused_ones_write_nothing()
    {
        var product = await StockedProductAsync(5);
        var before = await TotalsAsync(product);

        var answers = await Concurrently.SendAsync(20, _ => host.SendAsync(HttpMethod.Post, "/api/sales/quick-sale",
            new { branchId = 1, salespersonId = 1, businessDate = "2026-11-20", items = new[] { new { productId = product, quantity = 1 } } }));

        answers.Count(a => a.Status == HttpStatusCode.Created).Should().Be(5, string.Join('\n', answers));
        answers.Where(a => a.Status != HttpStatusCode.Created).Should().AllSatisfy(RefusedForStock);
        (await TotalsAsync(product)).Should().Be(before with
        {
            OnHand = 0, Movements = before.Movements + 5, Journal = before.Journal - 5, Invoices = before.Invoices + 5, Audited = before.Audited + 5, Announced = before.Announced + 5,
        });
    }

    [Fact]
    public async Task Concurrent_negative_adjustments_never_take_the_branch_below_zero_and_the_refused_ones_write_nothing()
    {
        var product = await StockedProductAsync(4);
        var before = await TotalsAsync(product);

        var answers = await Concurrently.SendAsync(12, _ => host.SendAsync(HttpMethod.Post, "/api/stock/movements",
            new { branchId = 1, productId = product, businessDate = "2026-11-20", kind = "adjustment", quantity = -1 }));

        answers.Count(a => a.Status == HttpStatusCode.Created).Should().Be(4, string.Join('\n', answers));
        answers.Where(a => a.Status != HttpStatusCode.Created).Should().AllSatisfy(RefusedForStock);
        var after = await TotalsAsync(product);
        after.OnHand.Should().Be(0);
        after.Movements.Should().Be(before.Movements + 4);
        after.Journal.Should().Be(before.Journal - 4);
    }

    [Fact]
    public async Task Withdrawing_a_receipt_whose_pieces_were_sold_is_a_409_that_changes_nothing()
    {
        var product = await StockedProductAsync(0);
        var receipt = await EntryHost.JsonAsync(await host.SendAsync(HttpMethod.Post, "/api/stock/movements",
            new { branchId = 1, productId = product, businessDate = "2026-11-20", kind = "receipt", quantity = 2 }));
        (await SellAsync(product, 2)).StatusCode.Should().Be(HttpStatusCode.Created);
        var before = await host.RowCountsAsync();

        var withdrawn = await host.SendAsync(HttpMethod.Delete, $"/api/stock/movements/{receipt.GetProperty("id").GetInt64()}");

        withdrawn.StatusCode.Should().Be(HttpStatusCode.Conflict, await withdrawn.Content.ReadAsStringAsync());
        var problem = await EntryHost.JsonAsync(withdrawn);
        problem.GetProperty("code").GetString().Should().Be("insufficient_stock");
        problem.GetProperty("errors")[0].GetProperty("field").GetString().Should().Be("quantity");
        (await host.RowCountsAsync()).Should().Equal(before);
        (await TotalsAsync(product)).OnHand.Should().Be(0);
    }

    [Fact]
    public async Task A_receipt_withdrawn_while_its_pieces_are_sold_never_leaves_the_branch_below_zero()
    {
        var product = await StockedProductAsync(0);
        var receipt = (await EntryHost.JsonAsync(await host.SendAsync(HttpMethod.Post, "/api/stock/movements",
            new { branchId = 1, productId = product, businessDate = "2026-11-20", kind = "receipt", quantity = 3 }))).GetProperty("id").GetInt64();

        var answers = await Concurrently.SendAsync(7, i => i == 0 ? host.SendAsync(HttpMethod.Delete, $"/api/stock/movements/{receipt}") : SellAsync(product, 1));

        var withdrawn = answers[0].Status == HttpStatusCode.NoContent;
        var sold = answers.Skip(1).Count(a => a.Status == HttpStatusCode.Created);
        answers.Skip(1).Where(a => a.Status != HttpStatusCode.Created).Should().AllSatisfy(RefusedForStock);
        if (!withdrawn)
        {
            RefusedForStock(answers[0]);
        }

        var after = await TotalsAsync(product);
        after.OnHand.Should().Be((withdrawn ? 0 : 3) - sold).And.BeGreaterThanOrEqualTo(0);
        after.Journal.Should().Be(after.OnHand);
        if (withdrawn)
        {
            sold.Should().Be(0);
        }
    }

    [Fact]
    public async Task Stock_written_past_the_entry_checks_cannot_fall_below_zero_where_the_branch_refuses_it_but_can_where_it_allows_it()
    {
        var product = await StockedProductAsync(1);
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var fall = new NpgsqlCommand("UPDATE stock_levels SET on_hand = on_hand - 2 WHERE branch_id = 1 AND product_id = @product", connection);
        fall.Parameters.AddWithValue("product", product);
        await using var allowed = new NpgsqlCommand("INSERT INTO stock_levels (branch_id, product_id, on_hand) VALUES (2, @product, -2)", connection);
        allowed.Parameters.AddWithValue("product", product);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => fall.ExecuteNonQueryAsync());
        await allowed.ExecuteNonQueryAsync();

        refused.ConstraintName.Should().Be("stock_levels_not_negative");
        (await TotalsAsync(product)).OnHand.Should().Be(1);
        (await host.ScalarAsync<int>("SELECT on_hand FROM stock_levels WHERE branch_id = 2 AND product_id = @product", new { product })).Should().Be(-2);
    }

    private static void RefusedForStock(Concurrently.Answer answer)
    {
        ((int)answer.Status).Should().BeOneOf([409, 422], answer.ToString());
        (answer.Code == "insufficient_stock" || answer.FieldCodes.Contains("insufficient_stock")).Should().BeTrue(answer.ToString());
    }

    private Task<HttpResponseMessage> SellAsync(int product, int quantity) => host.SendAsync(HttpMethod.Post, "/api/sales/quick-sale",
        new { branchId = 1, salespersonId = 1, businessDate = "2026-11-20", items = new[] { new { productId = product, quantity } } });

    /// <summary>A gold coin of its own with this many pieces at Dubai, so each test counts only its own stock.</summary>
    private Task<int> StockedProductAsync(int onHand) => host.ScalarAsync<int>("""
        WITH product AS (
            INSERT INTO products (sku, name, category, product_line_id, karat, net_weight_g, making_charge_type, making_charge_value, unit_cost)
            VALUES ('COIN-' || gen_random_uuid(), 'Gold coin 1 g', 'coin', 1, 24, 1, 'per_gram', 2, 1) RETURNING id),
        stocked AS (INSERT INTO stock_levels (branch_id, product_id, on_hand) SELECT 1, id, @onHand FROM product)
        SELECT id FROM product
        """, new { onHand });

    private async Task<StockTotals> TotalsAsync(int product)
    {
        await host.RowCountsAsync(); // waits until the outbox has settled
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        return await Dapper.SqlMapper.QuerySingleAsync<StockTotals>(connection, """
            SELECT (SELECT on_hand FROM stock_levels WHERE branch_id = 1 AND product_id = @product)::bigint AS OnHand,
                   (SELECT count(*) FROM stock_movements WHERE branch_id = 1 AND product_id = @product) AS Movements,
                   (SELECT coalesce(sum(quantity), 0) FROM stock_movements WHERE branch_id = 1 AND product_id = @product)::bigint AS Journal,
                   (SELECT count(*) FROM invoices) AS Invoices,
                   (SELECT count(*) FROM audit_log WHERE table_name = 'invoices') AS Audited,
                   (SELECT count(*) FROM outbox_events WHERE kind = 'sales.invoice.created') AS Announced
            """, new { product });
    }

    private sealed record StockTotals(long OnHand, long Movements, long Journal, long Invoices, long Audited, long Announced);
}
