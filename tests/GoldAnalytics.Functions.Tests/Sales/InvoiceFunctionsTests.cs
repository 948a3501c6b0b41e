using System.Net;
using GoldAnalytics.Functions.Tests.Entry;

namespace GoldAnalytics.Functions.Tests.Sales;

public sealed class InvoiceFunctionsTests(EntryHost host) : IClassFixture<EntryHost>
{
    private static object Sale(int productId, int quantity = 1, object? extra = null, int branchId = 1, int salespersonId = 1) => new
    {
        branchId, salespersonId, businessDate = "2026-11-20",
        lines = new[] { extra ?? new { productId, quantity } },
    };

    [Fact]
    public async Task A_line_without_prices_is_priced_from_the_days_rate_and_the_making_charge_and_audited()
    {
        var response = await host.SendAsync(HttpMethod.Post, "/api/sales/invoices", Sale(productId: 1, quantity: 2));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var invoice = await EntryHost.JsonAsync(response);
        var line = invoice.GetProperty("lines")[0];
        // 2 × 5 g of 22K at 283.96 = 2839.60 gold; 10 per gram making = 100; cost 10 g × 274.8 + 2 × 20.
        line.GetProperty("goldValue").GetDecimal().Should().Be(2839.60m);
        line.GetProperty("makingCharge").GetDecimal().Should().Be(100m);
        line.GetProperty("lineCost").GetDecimal().Should().Be(2788m);
        invoice.GetProperty("total").GetDecimal().Should().Be(2939.60m);
        response.Headers.ETag!.Tag.Should().Be("\"1\"");
        var id = invoice.GetProperty("id").GetInt64();
        (await host.ScalarAsync<string>("SELECT actor FROM audit_log WHERE table_name = 'invoices' AND record_id = @id::text AND action = 'insert'", new { id }))
            .Should().Be("test-staff");
        (await host.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE entity = 'invoice' AND entity_id = @id::text", new { id })).Should().Be(1);
    }

    [Fact]
    public async Task Quick_sale_takes_pieces_off_the_branch_stock()
    {
        var before = await host.ScalarAsync<int>("SELECT on_hand FROM stock_levels WHERE branch_id = 1 AND product_id = 3");

        var response = await host.SendAsync(HttpMethod.Post, "/api/sales/quick-sale", new { branchId = 1, salespersonId = 1, businessDate = "2026-11-20", items = new[] { new { productId = 3, quantity = 2 } } });

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await EntryHost.JsonAsync(response)).GetProperty("total").GetDecimal().Should().Be(6240m); // 20 g × 310 + 20 g × 2
        (await host.ScalarAsync<int>("SELECT on_hand FROM stock_levels WHERE branch_id = 1 AND product_id = 3")).Should().Be(before - 2);
    }

    [Fact]
    public async Task Every_broken_rule_is_listed_as_a_field_of_one_422_and_nothing_is_written()
    {
        var before = await host.RowCountsAsync();
        var response = await host.SendAsync(HttpMethod.Post, "/api/sales/invoices", new
        {
            branchId = 1, salespersonId = 2, businessDate = "2026-11-21", customerId = 999,
            lines = new object[] { new { productId = 1, quantity = 0 }, new { productId = 77, quantity = 1 }, new { productId = 2, quantity = 1, weightGrams = -1 } },
        });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var problem = await EntryHost.JsonAsync(response);
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("field").GetString(), e.GetProperty("code").GetString())).ToList();
        errors.Should().Contain([
            ("salespersonId", "other_branch"), ("customerId", "unknown_customer"), ("lines[0].quantity", "must_be_positive"),
            ("lines[1].productId", "unknown_product"), ("lines[2].weightGrams", "must_be_positive"), ("lines[2].productId", "no_gold_rate"),
        ]);
        (await host.RowCountsAsync()).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task Selling_more_than_in_stock_is_refused_unless_the_branch_allows_negative_stock()
    {
        var refused = await host.SendAsync(HttpMethod.Post, "/api/sales/invoices", Sale(productId: 2, quantity: 3));
        var allowed = await host.SendAsync(HttpMethod.Post, "/api/sales/invoices", Sale(productId: 1, quantity: 3, branchId: 2, salespersonId: 2));

        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await EntryHost.JsonAsync(refused)).GetProperty("errors")[0].GetProperty("code").GetString().Should().Be("insufficient_stock");
        allowed.StatusCode.Should().Be(HttpStatusCode.Created, await allowed.Content.ReadAsStringAsync());
        (await host.ScalarAsync<int>("SELECT on_hand FROM stock_levels WHERE branch_id = 2 AND product_id = 1")).Should().Be(-3);
    }

    [Fact]
    public async Task Totals_that_do_not_add_up_are_refused()
    {
        var response = await host.SendAsync(HttpMethod.Post, "/api/sales/invoices", Sale(0, extra: new { productId = 3, quantity = 1, lineTotal = 3000 }));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await EntryHost.JsonAsync(response)).GetProperty("errors")[0].GetProperty("code").GetString().Should().Be("totals_inconsistent");
    }

    [Fact]
    public async Task An_edit_needs_the_current_etag_and_a_stale_one_gets_412()
    {
        var created = await EntryHost.JsonAsync(await host.SendAsync(HttpMethod.Post, "/api/sales/invoices", Sale(productId: 3)));
        var id = created.GetProperty("id").GetInt64();

        var withoutEtag = await host.SendAsync(HttpMethod.Put, $"/api/sales/invoices/{id}", Sale(productId: 3, quantity: 2));
        var edited = await host.SendAsync(HttpMethod.Put, $"/api/sales/invoices/{id}", Sale(productId: 3, quantity: 2), configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\""));
        var stale = await host.SendAsync(HttpMethod.Put, $"/api/sales/invoices/{id}", Sale(productId: 3, quantity: 3), configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\""));

        withoutEtag.StatusCode.Should().Be((HttpStatusCode)428);
        edited.StatusCode.Should().Be(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        edited.Headers.ETag!.Tag.Should().Be("\"2\"");
        stale.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await EntryHost.JsonAsync(await host.SendAsync(HttpMethod.Get, $"/api/sales/invoices/{id}", key: host.ViewerKey))).GetProperty("lines")[0].GetProperty("quantity").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task Concurrent_edits_with_the_same_etag_leave_exactly_one_winner_and_no_lost_update()
    {
        var created = await EntryHost.JsonAsync(await host.SendAsync(HttpMethod.Post, "/api/sales/invoices", Sale(productId: 3)));
        var id = created.GetProperty("id").GetInt64();
        var stockBefore = await host.ScalarAsync<int>("SELECT on_hand FROM stock_levels WHERE branch_id = 1 AND product_id = 3");

        var edits = Enumerable.Range(2, 6).Select(quantity => host.SendAsync(HttpMethod.Put, $"/api/sales/invoices/{id}",
            new { branchId = 1, salespersonId = 1, businessDate = "2026-11-20", notes = $"edit {quantity}", lines = new[] { new { productId = 3, quantity = 1 } } },
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\""))).ToList();
        var responses = await Task.WhenAll(edits);

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed).Should().Be(5);
        var winner = await EntryHost.JsonAsync(responses.Single(r => r.StatusCode == HttpStatusCode.OK));
        var stored = await EntryHost.JsonAsync(await host.SendAsync(HttpMethod.Get, $"/api/sales/invoices/{id}"));
        stored.GetProperty("notes").GetString().Should().Be(winner.GetProperty("notes").GetString());
        stored.GetProperty("rowVersion").GetInt32().Should().Be(2);
        (await host.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE table_name = 'invoices' AND record_id = @id::text AND action = 'update'", new { id })).Should().Be(1);
        (await host.ScalarAsync<int>("SELECT on_hand FROM stock_levels WHERE branch_id = 1 AND product_id = 3")).Should().Be(stockBefore);
    }

    [Fact]
    public async Task Deleting_an_invoice_is_soft_audited_and_returns_its_pieces_to_stock()
    {
        var stockBefore = await host.ScalarAsync<int>("SELECT on_hand FROM stock_levels WHERE branch_id = 1 AND product_id = 3");
        var created = await EntryHost.JsonAsync(await host.SendAsync(HttpMethod.Post, "/api/sales/invoices", Sale(productId: 3, quantity: 2)));
        var id = created.GetProperty("id").GetInt64();

        var deleted = await host.SendAsync(HttpMethod.Delete, $"/api/sales/invoices/{id}");

        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await host.ScalarAsync<int>("SELECT on_hand FROM stock_levels WHERE branch_id = 1 AND product_id = 3")).Should().Be(stockBefore);
        (await host.ScalarAsync<bool>("SELECT deleted_at IS NOT NULL FROM invoice_lines WHERE invoice_id = @id", new { id })).Should().BeTrue();
        (await host.ScalarAsync<string>("SELECT before->>'number' FROM audit_log WHERE record_id = @id::text AND action = 'delete'", new { id })).Should().Be(created.GetProperty("number").GetString());
        (await host.SendAsync(HttpMethod.Delete, $"/api/sales/invoices/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_viewer_key_cannot_enter_a_sale()
    {
        (await host.SendAsync(HttpMethod.Post, "/api/sales/invoices", Sale(productId: 3), key: host.ViewerKey)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
