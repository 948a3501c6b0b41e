using System.Net;
using GoldAnalytics.Functions.Tests.Entry;

namespace GoldAnalytics.Functions.Tests.GoldRates;

public sealed class ConcurrentRateTests(EntryHost host) : IClassFixture<EntryHost>
{
    [Fact]
    public async Task A_rate_removed_while_sales_price_with_it_is_either_removed_before_any_of_them_or_kept_because_one_of_them_used_it()
    {
        (await host.SendAsync(HttpMethod.Put, "/api/gold-rates/2026-11-25/24", new { buyPerGram = 300m, sellPerGram = 310m })).StatusCode.Should().Be(HttpStatusCode.OK);

        var answers = await Concurrently.SendAsync(9, i => i == 0
            ? host.SendAsync(HttpMethod.Delete, "/api/gold-rates/2026-11-25/24")
            : host.SendAsync(HttpMethod.Post, "/api/sales/quick-sale", new { branchId = 1, salespersonId = 1, businessDate = "2026-11-25", items = new[] { new { productId = 3 } } }));

        var sales = answers.Skip(1).ToList();
        sales.Should().AllSatisfy(a => a.Status.Should().BeOneOf([HttpStatusCode.Created, HttpStatusCode.UnprocessableEntity], a.ToString()));
        var priced = await host.ScalarAsync<long>("SELECT count(*) FROM invoice_lines WHERE business_date = '2026-11-25' AND karat = 24");
        var kept = await host.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM gold_rates WHERE business_date = '2026-11-25' AND karat = 24)");
        priced.Should().Be(sales.Count(a => a.Status == HttpStatusCode.Created));
        if (answers[0].Status == HttpStatusCode.NoContent)
        {
            kept.Should().BeFalse();
            priced.Should().Be(0, "a sale that found the rate holds it until it commits, so the removal that followed would have seen the sale");
        }
        else
        {
            answers[0].Status.Should().Be(HttpStatusCode.Conflict, answers[0].ToString());
            answers[0].Code.Should().Be("rate_in_use");
            kept.Should().BeTrue();
            priced.Should().BeGreaterThan(0);
        }
    }
}
