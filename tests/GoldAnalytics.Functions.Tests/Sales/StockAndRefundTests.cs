using System.Net;
using GoldAnalytics.Functions.Tests.Entry;

namespace GoldAnalytics.Functions.Tests.Sales;

public sealed class StockAndRefundTests(EntryHost host) : IClassFixture<EntryHost>
{
    private Task<int> OnHandAsync(int branch, int product) =>
        host.ScalarAsync<int>("SELECT coalesce((SELECT on_hand FROM stock_levels WHERE branch_id = @branch AND product_id = @product), 0)", new { branch, product });

    [Fact]
    public async Task A_receipt_adds_stock_a_larger_negative_adjustment_is_refused_and_withdrawing_the_receipt_takes_it_back()
    {
        var before = await OnHandAsync(1, 2);

        var receipt = await host.SendAsync(HttpMethod.Post, "/api/stock/movements", new { branchId = 1, productId = 2, businessDate = "2026-11-20", kind = "receipt", quantity = 2 });
        var tooMuch = await host.SendAsync(HttpMethod.Post, "/api/stock/movements", new { branchId = 1, productId = 2, businessDate = "2026-11-20", kind = "adjustment", quantity = -(before + 3) });

        receipt.StatusCode.Should().Be(HttpStatusCode.Created, await receipt.Content.ReadAsStringAsync());
        (await EntryHost.JsonAsync(receipt)).GetProperty("weightG").GetDecimal().Should().Be(25m);
        (await OnHandAsync(1, 2)).Should().Be(before + 2);
        tooMuch.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var id = (await EntryHost.JsonAsync(receipt)).GetProperty("id").GetInt64();
        (await host.SendAsync(HttpMethod.Delete, $"/api/stock/movements/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await OnHandAsync(1, 2)).Should().Be(before);
    }

    [Fact]
    public async Task A_refund_returns_pieces_to_stock_cannot_exceed_what_was_sold_and_can_be_withdrawn()
    {
        var sale = await EntryHost.JsonAsync(await host.SendAsync(HttpMethod.Post, "/api/sales/quick-sale",
            new { branchId = 1, salespersonId = 1, businessDate = "2026-11-20", items = new[] { new { productId = 3, quantity = 2 } } }));
        var line = sale.GetProperty("lines")[0];
        var lineId = line.GetProperty("id").GetInt64();
        var before = await OnHandAsync(1, 3);

        var refund = await host.SendAsync(HttpMethod.Post, "/api/sales/refunds", new { invoiceLineId = lineId, quantity = 1, businessDate = "2026-12-02", reason = "size" });
        var tooMany = await host.SendAsync(HttpMethod.Post, "/api/sales/refunds", new { invoiceLineId = lineId, quantity = 2, businessDate = "2026-12-02" });

        refund.StatusCode.Should().Be(HttpStatusCode.Created, await refund.Content.ReadAsStringAsync());
        var refunded = await EntryHost.JsonAsync(refund);
        refunded.GetProperty("amount").GetDecimal().Should().Be(line.GetProperty("lineTotal").GetDecimal() / 2);
        (await OnHandAsync(1, 3)).Should().Be(before + 1);
        tooMany.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await host.SendAsync(HttpMethod.Delete, $"/api/sales/refunds/{refunded.GetProperty("id").GetInt64()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await OnHandAsync(1, 3)).Should().Be(before);
        (await host.ScalarAsync<string>("SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE table_name = 'refunds'")).Should().Be("insert,delete");
    }
}
