using System.Net;
using GoldAnalytics.Functions.Tests.Entry;
using GoldAnalytics.Runtime.Keys;

namespace GoldAnalytics.Functions.Tests.GoldRates;

public sealed class ReferenceEntryTests(EntryHost host) : IClassFixture<EntryHost>
{
    [Fact]
    public async Task A_gold_rate_is_set_corrected_and_removed_with_the_sell_rate_never_below_the_buy_rate()
    {
        var set = await host.SendAsync(HttpMethod.Put, "/api/gold-rates/2026-11-21/24", new { buyPerGram = 301m, sellPerGram = 311m });
        var corrected = await host.SendAsync(HttpMethod.Put, "/api/gold-rates/2026-11-21/24", new { buyPerGram = 302m, sellPerGram = 312m });
        var inverted = await host.SendAsync(HttpMethod.Put, "/api/gold-rates/2026-11-21/22", new { buyPerGram = 290m, sellPerGram = 280m });
        var unknownKarat = await host.SendAsync(HttpMethod.Put, "/api/gold-rates/2026-11-21/23", new { buyPerGram = 290m, sellPerGram = 300m });
        var removed = await host.SendAsync(HttpMethod.Delete, "/api/gold-rates/2026-11-21/24");

        set.StatusCode.Should().Be(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        (await EntryHost.JsonAsync(corrected)).GetProperty("sellPerGram").GetDecimal().Should().Be(312m);
        inverted.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        unknownKarat.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        removed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await host.ScalarAsync<string>("SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE table_name = 'gold_rates' AND record_id = '(2026-11-21,24)'"))
            .Should().Be("insert,update,delete");
    }

    [Fact]
    public async Task A_rate_that_priced_sales_cannot_be_removed()
    {
        (await host.SendAsync(HttpMethod.Post, "/api/sales/quick-sale", new { branchId = 1, salespersonId = 1, businessDate = "2026-11-20", items = new[] { new { productId = 3 } } }))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        (await host.SendAsync(HttpMethod.Delete, "/api/gold-rates/2026-11-20/24")).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Targets_are_set_by_managers_only_for_the_first_day_of_a_month()
    {
        var manager = await host.KeyAsync(Role.Manager);

        var byStaff = await host.SendAsync(HttpMethod.Put, "/api/targets", new { branchId = 1, month = "2026-12-01", metric = "revenue", value = 500000m });
        var set = await host.SendAsync(HttpMethod.Put, "/api/targets", new { branchId = 1, month = "2026-12-01", metric = "revenue", value = 500000m }, key: manager);
        var midMonth = await host.SendAsync(HttpMethod.Put, "/api/targets", new { branchId = 1, month = "2026-12-15", metric = "revenue", value = 1m }, key: manager);
        var listed = await EntryHost.JsonAsync(await host.SendAsync(HttpMethod.Get, "/api/targets/1", key: host.ViewerKey));

        byStaff.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        set.StatusCode.Should().Be(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        midMonth.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        listed.EnumerateArray().Should().ContainSingle(t => t.GetProperty("metric").GetString() == "revenue" && t.GetProperty("value").GetDecimal() == 500000m);
        (await host.SendAsync(HttpMethod.Delete, "/api/targets/1/2026-12-01/revenue", key: manager)).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }
}
