using System.Net;
using Dapper;
using GoldAnalytics.Functions.Tests.Entry;
using Npgsql;

namespace GoldAnalytics.Functions.Tests.Sales;

public sealed class ConcurrentRefundTests(EntryHost host) : IClassFixture<EntryHost>
{
    [Fact]
    public async Task Fifty_concurrent_refunds_of_a_piece_of_a_two_piece_line_refund_it_once_and_the_refused_ones_write_nothing()
    {
        var line = await SellCoinsAsync(2);
        var before = await TotalsAsync(line.Id);

        var answers = await Concurrently.SendAsync(50, _ => host.SendAsync(HttpMethod.Post, "/api/sales/refunds", new { invoiceLineId = line.Id, quantity = 1, businessDate = "2026-11-21" }));

        answers.Count(a => a.Status == HttpStatusCode.Created).Should().Be(2, string.Join('\n', answers.Where(a => a.Status != HttpStatusCode.UnprocessableEntity)));
        answers.Where(a => a.Status != HttpStatusCode.Created).Should().AllSatisfy(a =>
        {
            ((int)a.Status).Should().BeOneOf([409, 422], a.ToString());
            a.Code.Should().BeOneOf("validation_failed", "refund_exceeds_line");
            a.Fields.Should().Contain("quantity");
        });
        var after = await TotalsAsync(line.Id);
        after.Should().Be(before with
        {
            Pieces = 2, Amount = line.Total, Refunds = before.Refunds + 2, Returns = before.Returns + 2, OnHand = before.OnHand + 2,
            Audited = before.Audited + 2, Announced = before.Announced + 2,
        });
    }

    [Fact]
    public async Task The_default_amount_of_the_pieces_that_complete_a_line_is_exactly_what_is_left_of_its_total()
    {
        var pair = await SellCoinsAsync(2);
        var three = await SellCoinsAsync(3);

        var firstOfPair = await RefundAsync(pair.Id, 1);
        var lastOfPair = await RefundAsync(pair.Id, 1);
        var firstOfThree = await RefundAsync(three.Id, 1);
        var restOfThree = await RefundAsync(three.Id, 2);

        // 6,239.99 for two pieces: 3,119.995 a piece rounds to 3,120.00, which leaves 3,119.99 for the second.
        pair.Total.Should().Be(6239.99m);
        firstOfPair.Should().Be(3120.00m);
        lastOfPair.Should().Be(3119.99m);
        // 9,359.99 for three: one piece is 3,120.00, the two that complete the line take the 6,239.99 left.
        firstOfThree.Should().Be(3120.00m);
        restOfThree.Should().Be(6239.99m);
        foreach (var line in new[] { pair, three })
        {
            (await host.ScalarAsync<decimal>("SELECT sum(amount) FROM refunds WHERE invoice_line_id = @Id", line)).Should().Be(line.Total);
            (await host.ScalarAsync<decimal>("SELECT sum(cost_reversed) FROM refunds WHERE invoice_line_id = @Id", line)).Should().Be(line.Cost);
            (await host.ScalarAsync<decimal>("SELECT sum(m.weight_g) FROM stock_movements m JOIN refunds r ON r.id = m.refund_id WHERE r.invoice_line_id = @Id", line)).Should().Be(line.WeightG);
        }
    }

    [Fact]
    public async Task A_refund_and_a_replacement_of_its_invoice_sent_together_never_both_land()
    {
        for (var round = 0; round < 5; round++)
        {
            var line = await SellCoinsAsync(2);

            var answers = await Concurrently.SendAsync(2, i => i == 0
                ? host.SendAsync(HttpMethod.Post, "/api/sales/refunds", new { invoiceLineId = line.Id, quantity = 1, businessDate = "2026-11-21" })
                : host.SendAsync(HttpMethod.Put, $"/api/sales/invoices/{line.InvoiceId}",
                    new { branchId = 1, salespersonId = 1, businessDate = "2026-11-20", lines = new[] { new { productId = 3, quantity = 1 } } },
                    configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\"")));

            var (refund, replacement) = (answers[0], answers[1]);
            if (refund.Status == HttpStatusCode.Created)
            {
                replacement.Status.Should().Be(HttpStatusCode.Conflict, replacement.ToString());
                replacement.Code.Should().Be("invoice_refunded");
            }
            else
            {
                refund.Status.Should().Be(HttpStatusCode.NotFound, refund.ToString());
                replacement.Status.Should().Be(HttpStatusCode.OK, replacement.ToString());
            }
        }
    }

    [Fact]
    public async Task Refunds_written_past_the_entry_checks_cannot_take_a_line_beyond_its_pieces_or_its_total_even_from_concurrent_transactions()
    {
        var line = await SellCoinsAsync(2);
        var other = await SellCoinsAsync(1);

        await using var first = await OpenAsync();
        await using var second = await OpenAsync();
        await using var firstRefund = await first.BeginTransactionAsync();
        await InsertRefundAsync(first, line, 2, line.Total);
        await using var secondRefund = await second.BeginTransactionAsync();
        var late = Task.Run(() => InsertRefundAsync(second, line, 1, 1m));
        await WaitUntilBlockedAsync(second.ProcessID);
        await firstRefund.CommitAsync();
        var tooMany = await Assert.ThrowsAsync<PostgresException>(() => late);
        var tooMuch = await Assert.ThrowsAsync<PostgresException>(() => InsertRefundAsync(first, other, 1, other.Total + 0.01m));

        tooMany.ConstraintName.Should().Be("refunds_within_line_quantity");
        tooMuch.ConstraintName.Should().Be("refunds_within_line_amount");
        tooMany.SqlState.Should().Be(PostgresErrorCodes.CheckViolation);
        (await host.ScalarAsync<long>("SELECT sum(quantity) FROM refunds WHERE invoice_line_id = @Id", line)).Should().Be(2);
        (await host.ScalarAsync<long>("SELECT count(*) FROM refunds WHERE invoice_line_id = @Id", other)).Should().Be(0);
    }

    /// <summary>Sells gold coins at Dubai (6,240.00 for two before a discount of 0.01 that makes the total odd) and returns the line.</summary>
    private async Task<SoldLine> SellCoinsAsync(int quantity)
    {
        var sale = await host.SendAsync(HttpMethod.Post, "/api/sales/quick-sale",
            new { branchId = 1, salespersonId = 1, businessDate = "2026-11-20", items = new[] { new { productId = 3, quantity, discount = 0.01m } } });
        sale.StatusCode.Should().Be(HttpStatusCode.Created, await sale.Content.ReadAsStringAsync());
        var line = (await EntryHost.JsonAsync(sale)).GetProperty("lines")[0];
        return new SoldLine(line.GetProperty("id").GetInt64(), (await EntryHost.JsonAsync(sale)).GetProperty("id").GetInt64(),
            line.GetProperty("lineTotal").GetDecimal(), line.GetProperty("lineCost").GetDecimal(), line.GetProperty("weightG").GetDecimal());
    }

    private async Task<decimal> RefundAsync(long lineId, int quantity)
    {
        var response = await host.SendAsync(HttpMethod.Post, "/api/sales/refunds", new { invoiceLineId = lineId, quantity, businessDate = "2026-11-21" });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await EntryHost.JsonAsync(response)).GetProperty("amount").GetDecimal();
    }

    private async Task<RefundTotals> TotalsAsync(long lineId)
    {
        await host.RowCountsAsync(); // waits until the outbox has settled
        await using var connection = await OpenAsync();
        return await connection.QuerySingleAsync<RefundTotals>("""
            SELECT (SELECT coalesce(sum(quantity), 0) FROM refunds WHERE invoice_line_id = @lineId)::bigint AS Pieces,
                   (SELECT coalesce(sum(amount), 0) FROM refunds WHERE invoice_line_id = @lineId) AS Amount,
                   (SELECT count(*) FROM refunds) AS Refunds,
                   (SELECT count(*) FROM stock_movements WHERE kind = 'refund_return') AS Returns,
                   (SELECT on_hand FROM stock_levels WHERE branch_id = 1 AND product_id = 3)::bigint AS OnHand,
                   (SELECT count(*) FROM audit_log WHERE table_name = 'refunds') AS Audited,
                   (SELECT count(*) FROM outbox_events WHERE kind = 'sales.refund.created') AS Announced
            """, new { lineId });
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task InsertRefundAsync(NpgsqlConnection connection, SoldLine line, int quantity, decimal amount)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO refunds (invoice_line_id, invoice_id, branch_id, product_id, business_date, refunded_at, quantity, amount, cost_reversed)
            VALUES (@line, @invoice, 1, 3, '2026-11-21', now(), @quantity, @amount, 0)
            """, connection);
        command.Parameters.AddWithValue("line", line.Id);
        command.Parameters.AddWithValue("invoice", line.InvoiceId);
        command.Parameters.AddWithValue("quantity", quantity);
        command.Parameters.AddWithValue("amount", amount);
        await command.ExecuteNonQueryAsync();
    }

    // The second insert must be waiting for the first transaction's lock when that commits, or the test proves nothing about concurrency.
    private async Task WaitUntilBlockedAsync(int processId)
    {
        for (var attempt = 0; attempt < 600 && !await host.ScalarAsync<bool>("SELECT coalesce((SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = @processId), false)", new { processId }); attempt++)
        {
            await Task.Delay(50);
        }

        (await host.ScalarAsync<bool>("SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = @processId", new { processId })).Should().BeTrue("the second refund waits for the first");
    }

    private sealed record SoldLine(long Id, long InvoiceId, decimal Total, decimal Cost, decimal WeightG);

    private sealed record RefundTotals(long Pieces, decimal Amount, long Refunds, long Returns, long OnHand, long Audited, long Announced);
}
