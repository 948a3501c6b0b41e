using System.Net;
using GoldAnalytics.Functions.Tests.Entry;

namespace GoldAnalytics.Functions.Tests.Sales;

public sealed class ConcurrentInvoiceTests(EntryHost host) : IClassFixture<EntryHost>
{
    private static object Invoice(int quantity, string? number = null) => new
    {
        number, branchId = 1, salespersonId = 1, businessDate = "2026-11-20", lines = new[] { new { productId = 3, quantity } },
    };

    [Fact]
    public async Task Ten_concurrent_creates_with_one_invoice_number_write_one_invoice_and_answer_409_naming_number_to_the_others()
    {
        var onHand = await host.ScalarAsync<int>("SELECT on_hand FROM stock_levels WHERE branch_id = 1 AND product_id = 3");

        var answers = await Concurrently.SendAsync(10, _ => host.SendAsync(HttpMethod.Post, "/api/sales/invoices", Invoice(1, "INV-RACE-1")));

        Concurrently.OneCreatedTheRestConflict(answers, "duplicate_number", "number");
        (await host.ScalarAsync<long>("SELECT count(*) FROM invoices WHERE number = 'INV-RACE-1'")).Should().Be(1);
        (await host.ScalarAsync<int>("SELECT on_hand FROM stock_levels WHERE branch_id = 1 AND product_id = 3")).Should().Be(onHand - 1);
    }

    [Fact]
    public async Task Ten_concurrent_replacements_sent_with_one_etag_let_exactly_one_win_and_answer_412_to_the_others()
    {
        var created = await host.SendAsync(HttpMethod.Post, "/api/sales/invoices", Invoice(1));
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await EntryHost.JsonAsync(created)).GetProperty("id").GetInt64();
        var etag = created.Headers.ETag!.ToString();
        var onHand = await host.ScalarAsync<int>("SELECT on_hand FROM stock_levels WHERE branch_id = 1 AND product_id = 3");

        var answers = await Concurrently.SendAsync(10, i => host.SendAsync(HttpMethod.Put, $"/api/sales/invoices/{id}", Invoice(1 + (i % 2)),
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", etag)));

        var winners = answers.Where(a => a.Status == HttpStatusCode.OK).ToList();
        winners.Should().ContainSingle(string.Join('\n', answers));
        answers.Where(a => a.Status != HttpStatusCode.OK).Should().AllSatisfy(a =>
        {
            a.Status.Should().Be(HttpStatusCode.PreconditionFailed, a.ToString());
            a.Code.Should().Be("version_conflict");
        });
        var won = winners[0].Json;
        won.GetProperty("rowVersion").GetInt32().Should().Be(2);
        (await host.ScalarAsync<int>("SELECT row_version FROM invoices WHERE id = @id", new { id })).Should().Be(2);
        (await host.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE table_name = 'invoices' AND record_id = @id::text AND action = 'update'", new { id })).Should().Be(1);
        var sold = won.GetProperty("lines")[0].GetProperty("quantity").GetInt32();
        (await host.ScalarAsync<int>("SELECT on_hand FROM stock_levels WHERE branch_id = 1 AND product_id = 3")).Should().Be(onHand + 1 - sold);
    }
}
