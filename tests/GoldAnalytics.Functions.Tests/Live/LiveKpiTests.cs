using System.Net;
using System.Text.Json;
using GoldAnalytics.Functions.Tests.Entry;
using GoldAnalytics.Runtime.Events;
using GoldAnalytics.Runtime.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace GoldAnalytics.Functions.Tests.Live;

/// <summary>Changes that move KPIs without a sale: targets, gold rates, and imports of old sales.</summary>
public sealed class LiveKpiTests(EntryHost host) : IClassFixture<EntryHost>
{
    [Fact]
    public async Task A_target_change_pushes_the_months_new_achievement_and_marks_the_months_days_for_the_period_reports()
    {
        (await host.ScalarAsync<long>("SELECT count(*) FROM report_dirty_days WHERE day BETWEEN '2026-11-01' AND '2026-11-30'")).Should().BeLessThan(30);
        using var subscription = Subscribe();

        var response = await host.SendAsync(HttpMethod.Put, "/api/targets", new { branchId = 1, month = "2026-11-01", metric = "revenue", value = 250000m }, await host.KeyAsync(Role.Manager));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var pushed = await LiveEvents.NextAsync(subscription, e => e.GetProperty("kinds").EnumerateArray().Any(k => k.GetString() == "targets.target.set"));
        var month = await GetAsync("/api/kpis/financial?from=2026-11-01&to=2026-11-30&branch=1");
        var pushedRevenue = Values(pushed, 1, "month", "2026-11-01").Single(v => v.GetProperty("code").GetString() == "revenue");
        pushedRevenue.GetProperty("target").GetDecimal().Should().Be(250000m);
        var revenueCard = month.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("code").GetString() == "revenue");
        pushedRevenue.GetProperty("achievement").ToString().Should().Be(revenueCard.GetProperty("achievement").ToString(), "the pushed achievement is the dashboard's");
        await WaitForAsync(async () => await host.ScalarAsync<long>("SELECT count(*) FROM report_dirty_days WHERE day BETWEEN '2026-11-01' AND '2026-11-30'") == 30);
    }

    [Fact]
    public async Task A_gold_rate_change_pushes_the_revalued_gold_stock_and_marks_no_report_period()
    {
        var receipt = await host.SendAsync(HttpMethod.Post, "/api/stock/movements", new { branchId = 1, productId = 3, businessDate = "2026-11-20", kind = "receipt", quantity = 4 });
        receipt.StatusCode.Should().Be(HttpStatusCode.Created, await receipt.Content.ReadAsStringAsync());
        var before = await GetAsync("/api/kpis/inventory?from=2026-11-01&to=2026-11-20");
        var dirtyDays = await host.ScalarAsync<long>("SELECT count(*) FROM report_dirty_days");
        using var subscription = Subscribe();

        var rate = await host.SendAsync(HttpMethod.Put, "/api/gold-rates/2026-11-20/24", new { buyPerGram = 320m, sellPerGram = 330m });

        rate.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.Created);
        var pushed = await LiveEvents.NextAsync(subscription, e => e.GetProperty("kinds").EnumerateArray().Any(k => k.GetString() == "gold-rates.rate.set"));
        var after = await GetAsync("/api/kpis/inventory?from=2026-11-01&to=2026-11-20");
        var goldValue = Values(pushed, null, "inventory", "2026-11-01").Single(v => v.GetProperty("code").GetString() == "gold_stock_value").GetProperty("value").GetDecimal();
        goldValue.Should().Be(after.GetProperty("goldStockValue").GetDecimal()).And.BeGreaterThan(before.GetProperty("goldStockValue").GetDecimal());
        (await host.ScalarAsync<long>("SELECT count(*) FROM report_dirty_days")).Should().Be(dirtyDays, "the period reports store sales, not stock values");
    }

    [Fact]
    public async Task An_import_of_old_sales_pushes_the_kpis_of_those_days_and_their_days_are_marked_for_the_period_reports()
    {
        await host.ScalarAsync<int>("INSERT INTO gold_rates (business_date, karat, buy_per_gram, sell_per_gram) VALUES ('2025-03-10', 24, 250, 260) RETURNING 1");
        using var subscription = Subscribe();

        var response = await host.ImportAsync("sales", "invoice_number,business_date,branch_code,salesperson_code,customer_code,sku,quantity,weight_g,gold_rate,making_charge,stone_value,discount,tax_rate,line_total\r\n"
            + "OLD-1,2025-03-10,DXB,S1,,COIN-24-010,2,,,,,0,0,\r\n");

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var pushed = await LiveEvents.NextAsync(subscription, e => e.GetProperty("kinds").EnumerateArray().Any(k => k.GetString() == "imports.sales.imported"));
        var day = await GetAsync("/api/kpis/financial?from=2025-03-10&to=2025-03-10&branch=1");
        var revenue = Values(pushed, 1, "day", "2025-03-10").Single(v => v.GetProperty("code").GetString() == "revenue").GetProperty("value").GetDecimal();
        revenue.Should().Be(LiveEvents.FromReport(day, "revenue")).And.Be(2 * (10 * 260m + 20m));
        (await host.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM report_dirty_days WHERE day = '2025-03-10')")).Should().BeTrue();
    }

    private EventSubscription Subscribe() => host.App.Services.GetRequiredService<IEventStream>().Subscribe(null);

    private static JsonElement.ArrayEnumerator Values(JsonElement pushed, int? branch, string period, string from) =>
        pushed.GetProperty("kpis").EnumerateArray()
            .Single(k => (branch is null ? k.GetProperty("branchId").ValueKind == JsonValueKind.Null : k.GetProperty("branchId").ValueKind == JsonValueKind.Number && k.GetProperty("branchId").GetInt32() == branch)
                && k.GetProperty("period").GetString() == period && k.GetProperty("from").GetString() == from)
            .GetProperty("values").EnumerateArray();

    private async Task<JsonElement> GetAsync(string path)
    {
        var response = await host.SendAsync(HttpMethod.Get, path, key: host.ViewerKey);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await EntryHost.JsonAsync(response);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within 10 s");
            await Task.Delay(50);
        }
    }
}
