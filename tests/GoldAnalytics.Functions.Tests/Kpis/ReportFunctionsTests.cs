using System.Net;
using System.Text.Json;
using Dapper;
using GoldAnalytics.Data.Reports;
using GoldAnalytics.Functions.Reports;
using GoldAnalytics.Runtime.Durable;
using Npgsql;
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

    [Fact]
    public async Task The_nightly_orchestration_recomputes_the_periods_of_a_corrected_invoice()
    {
        var client = host.App.Services.GetRequiredService<DurableTaskClient>();
        var first = await client.ScheduleNewOrchestrationInstanceAsync(NightlyReports.Orchestration, new ReportRun(false));
        (await client.WaitForInstanceCompletionAsync(first)).RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.ExecuteAsync("""
            UPDATE invoice_lines SET discount = discount + 1, line_total = line_total - 1
             WHERE id = (SELECT min(id) FROM invoice_lines WHERE business_date = '2026-09-20' AND line_total > 10)
            """);

        var second = await client.ScheduleNewOrchestrationInstanceAsync(NightlyReports.Orchestration, new ReportRun(false));
        var done = await client.WaitForInstanceCompletionAsync(second, getInputsAndOutputs: true);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        done.SerializedOutput.Should().Be("5", "the day, its ISO week, month, quarter and year");
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM report_dirty_periods")).Should().Be(0);
        var stored = await connection.ExecuteScalarAsync<decimal>(
            "SELECT discounts FROM period_reports WHERE grain = 'day' AND scope = 'shop' AND period_start = '2026-09-20'");
        var scanned = await connection.ExecuteScalarAsync<decimal>(
            "SELECT sum(discount) FROM invoice_lines WHERE business_date = '2026-09-20' AND deleted_at IS NULL");
        stored.Should().Be(scanned);
    }
}
