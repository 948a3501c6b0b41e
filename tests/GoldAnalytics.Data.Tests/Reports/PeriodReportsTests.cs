using Dapper;
using GoldAnalytics.Data.Reports;
using GoldAnalytics.Data.Tests.Kpis;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Financial;
using GoldAnalytics.Domain.Kpis.Periods;
using GoldAnalytics.Domain.Kpis.Trends;

namespace GoldAnalytics.Data.Tests.Reports;

public sealed class PeriodReportsTests(DemoShopKpiFixture shop) : IClassFixture<DemoShopKpiFixture>, IAsyncLifetime
{
    private static readonly Period October = new(PeriodGrain.Month, new(2026, 10, 1));
    private PeriodReports _reports = null!;
    private PeriodReportQuery _query = null!;

    public async Task InitializeAsync()
    {
        _reports = new PeriodReports(shop.DataSource, new Data.Kpis.KpiRollups(shop.DataSource));
        _query = new PeriodReportQuery(shop.DataSource);
        await _reports.RunAsync(fullRebuild: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_live_kpis_of_a_month_equal_the_stored_monthly_report_to_the_cent()
    {
        var live = await shop.Financial.KpisAsync(KpiFilter.All, October.Range, StatusThresholds.Default);

        foreach (var kpi in FinancialKpis.All)
        {
            var stored = await _query.HistoryAsync(kpi.Code, PeriodGrain.Month, ReportScope.Shop, 0, October.Range);
            stored.Points.Should().ContainSingle();
            stored.Points[0].Value.Should().Be(live.Kpis.Single(k => k.Code == kpi.Code).Value, kpi.Code);
        }
    }

    [Fact]
    public async Task Every_branch_month_matches_the_live_branch_kpi_and_the_snapshot()
    {
        var branches = await _query.TotalsAsync(October, [ReportScope.Branch]);

        branches.Should().HaveCountGreaterThan(1);
        foreach (var branch in branches)
        {
            var live = await shop.Financial.KpisAsync(new KpiFilter(BranchId: branch.ScopeId), October.Range, StatusThresholds.Default);
            var snapshot = await _query.SnapshotsAsync("gross_profit", PeriodGrain.Month, ReportScope.Branch, branch.ScopeId, October.Range);
            SalesKpis.GrossProfit(branch.Totals).Should().Be(live.Kpis.Single(k => k.Code == "gross_profit").Value!.Value);
            snapshot.Single().Value.Should().Be(SalesKpis.GrossProfit(branch.Totals));
            ((decimal)branch.Totals.Transactions).Should().Be(live.Kpis.Single(k => k.Code == "transactions").Value!.Value);
        }
    }

    [Fact]
    public async Task Branches_product_lines_and_skus_each_add_up_to_the_shop()
    {
        var shopRow = (await _query.TotalsAsync(October, [ReportScope.Shop])).Single();

        foreach (var scope in new[] { ReportScope.Branch, ReportScope.ProductLine, ReportScope.Sku })
        {
            var rows = await _query.TotalsAsync(October, [scope]);
            SalesKpis.NetRevenue(SalesTotals.Sum(rows.Select(r => r.Totals))).Should().Be(SalesKpis.NetRevenue(shopRow.Totals), scope);
        }
    }

    [Fact]
    public async Task A_month_equals_the_sum_of_its_stored_days()
    {
        var days = await _query.HistoryAsync("net_revenue", PeriodGrain.Day, ReportScope.Shop, 0, October.Range);
        var month = await _query.HistoryAsync("net_revenue", PeriodGrain.Month, ReportScope.Shop, 0, October.Range);

        days.Points.Should().HaveCount(31);
        days.Points.Sum(p => p.Value!.Value).Should().Be(month.Points.Single().Value!.Value);
    }

    [Fact]
    public async Task Weeks_follow_iso_weeks()
    {
        var weeks = await _query.HistoryAsync("revenue", PeriodGrain.Week, ReportScope.Shop, 0, October.Range);

        weeks.Points.Select(p => p.Period).Should().Equal("2026-W40", "2026-W41", "2026-W42", "2026-W43", "2026-W44");
        weeks.Points[0].Start.Should().Be(new DateOnly(2026, 9, 28));
    }

    [Fact]
    public async Task A_corrected_old_invoice_recomputes_only_the_periods_of_its_day()
    {
        var day = new DateOnly(2026, 9, 15);
        await using (var connection = await shop.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("""
                UPDATE invoice_lines SET discount = discount + 1, line_total = line_total - 1
                 WHERE id = (SELECT min(id) FROM invoice_lines WHERE business_date = @day AND line_total > 10)
                """, new { day = day.ToDateTime(TimeOnly.MinValue) });
        }

        var dirty = await _reports.PrepareAsync();
        foreach (var batch in PeriodBatch.Stages(dirty).SelectMany(stage => stage))
        {
            await _reports.RecomputeAsync(batch);
        }

        dirty.Select(p => p.Key).Should().BeEquivalentTo("2026-09-15", "2026-W38", "2026-09", "2026-Q3", "2026");
        PeriodBatch.Of(dirty).Should().HaveCount(5, "one batch per grain");
        var stored = await _query.HistoryAsync("discounts", PeriodGrain.Day, ReportScope.Shop, 0, new DateRange(day, day));
        var live = (await shop.Financial.TotalsAsync(KpiFilter.All, [new DateRange(day, day)]))[0];
        stored.Points.Single().Value.Should().Be(live.Discounts);
        var year = await _query.HistoryAsync("discounts", PeriodGrain.Year, ReportScope.Shop, 0, new DateRange(day, day));
        var yearLive = (await shop.Financial.TotalsAsync(KpiFilter.All, [new Period(PeriodGrain.Year, new(2026, 1, 1)).Range]))[0];
        year.Points.Single().Value.Should().Be(yearLive.Discounts);
        (await _reports.PrepareAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Unknown_metrics_and_scopes_are_refused_with_what_is_known()
    {
        var metric = () => _query.HistoryAsync("profitability", PeriodGrain.Month, ReportScope.Shop, 0, October.Range);
        var scope = () => _query.HistoryAsync("revenue", PeriodGrain.Month, "region", 0, October.Range);

        await metric.Should().ThrowAsync<ArgumentException>().WithMessage("*gross_profit*");
        await scope.Should().ThrowAsync<ArgumentException>().WithMessage("*product_line*");
    }
}
