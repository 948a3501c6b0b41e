using System.Net;
using System.Text.Json;
using GoldAnalytics.Data.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace GoldAnalytics.Functions.Tests.Kpis;

public sealed class ReportFunctionsTests(DemoShopHost host) : IClassFixture<DemoShopHost>
{
    [Fact]
    public async Task The_stored_monthly_history_equals_the_live_kpi()
    {
        await host.App.Services.GetRequiredService<PeriodReports>().RunAsync(fullRebuild: true);

        var history = JsonDocument.Parse(await (await host.GetAsync("/api/reports/history?metric=gross_profit&grain=month&from=2026-10-01&to=2026-10-31")).Content.ReadAsStringAsync()).RootElement;
        var live = JsonDocument.Parse(await (await host.GetAsync("/api/kpis/financial?from=2026-10-01&to=2026-10-31")).Content.ReadAsStringAsync()).RootElement;
        var snapshots = await host.GetAsync("/api/reports/snapshots?kpi=revenue&grain=day&from=2026-10-01&to=2026-10-31");

        var stored = history.GetProperty("points").EnumerateArray().Single().GetProperty("value").GetDecimal();
        var card = live.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("code").GetString() == "gross_profit");
        stored.Should().Be(card.GetProperty("value").GetDecimal());
        snapshots.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonDocument.Parse(await snapshots.Content.ReadAsStringAsync()).RootElement.GetProperty("points").GetArrayLength().Should().Be(31);
    }
}
