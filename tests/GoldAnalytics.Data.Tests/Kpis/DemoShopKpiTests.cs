using Dapper;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Financial;
using GoldAnalytics.Domain.Kpis.Periods;
using GoldAnalytics.Domain.Kpis.Trends;

namespace GoldAnalytics.Data.Tests.Kpis;

public sealed class DemoShopKpiTests(DemoShopKpiFixture shop) : IClassFixture<DemoShopKpiFixture>
{
    [Fact]
    public async Task Shop_revenue_equals_the_sum_of_its_branches()
    {
        var branches = await BranchIdsAsync();
        var shopTotals = (await shop.Financial.TotalsAsync(KpiFilter.All, [DemoShopKpiFixture.LastMonth]))[0];
        var perBranch = new List<SalesTotals>();
        foreach (var branch in branches)
        {
            perBranch.Add((await shop.Financial.TotalsAsync(new KpiFilter(BranchId: branch), [DemoShopKpiFixture.LastMonth]))[0]);
        }

        branches.Should().HaveCountGreaterThan(1);
        SalesKpis.Revenue(shopTotals).Should().BeGreaterThan(0);
        SalesTotals.Sum(perBranch).Should().Be(shopTotals);
    }

    [Fact]
    public async Task Revenue_of_a_range_equals_the_sum_of_its_days()
    {
        var range = DemoShopKpiFixture.AllDays;
        var days = range.EachDay().Select(d => new DateRange(d, d)).ToList();

        var totals = await shop.Financial.TotalsAsync(KpiFilter.All, [range, .. days]);

        SalesTotals.Sum(totals.Skip(1)).Should().Be(totals[0]);
    }

    [Fact]
    public async Task Rollup_totals_equal_a_straight_scan_of_lines_and_refunds()
    {
        var range = DemoShopKpiFixture.LastMonth;
        await using var connection = await shop.DataSource.OpenConnectionAsync();
        var scan = await connection.QuerySingleAsync<(decimal Gross, decimal Discounts, decimal Cost, long Invoices)>("""
            SELECT sum(gold_value + making_charge + stone_value), sum(discount), sum(line_cost), count(DISTINCT invoice_id)
              FROM invoice_lines WHERE business_date BETWEEN @from AND @to AND deleted_at IS NULL
            """, new { from = range.From.ToDateTime(TimeOnly.MinValue), to = range.To.ToDateTime(TimeOnly.MinValue) });
        var refunds = await connection.QuerySingleAsync<(decimal Refunds, decimal Cost)>("""
            SELECT coalesce(sum(round(r.amount / (1 + l.tax_rate), 2)), 0), coalesce(sum(r.cost_reversed), 0)
              FROM refunds r JOIN invoice_lines l ON l.id = r.invoice_line_id
             WHERE r.business_date BETWEEN @from AND @to AND l.deleted_at IS NULL
            """, new { from = range.From.ToDateTime(TimeOnly.MinValue), to = range.To.ToDateTime(TimeOnly.MinValue) });

        var totals = (await shop.Financial.TotalsAsync(KpiFilter.All, [range]))[0];

        totals.GrossSales.Should().Be(scan.Gross);
        totals.Discounts.Should().Be(scan.Discounts);
        totals.Cost.Should().Be(scan.Cost);
        totals.Transactions.Should().Be(scan.Invoices);
        totals.Refunds.Should().Be(refunds.Refunds);
        totals.RefundedCost.Should().Be(refunds.Cost);
        refunds.Refunds.Should().BeGreaterThan(0, "the demo shop refunds some lines");
    }

    [Fact]
    public async Task A_month_card_has_comparisons_a_trend_test_and_a_daily_sparkline()
    {
        var report = await shop.Financial.KpisAsync(KpiFilter.All, DemoShopKpiFixture.LastMonth, StatusThresholds.Default);

        var revenue = report.Kpis.Single(k => k.Code == "revenue");
        revenue.Previous.Should().BeGreaterThan(0);
        revenue.SamePeriodLastYear.Should().Be(0m, "the small demo shop has only 60 days");
        revenue.ChangeVsLastYear.Should().BeNull();
        revenue.Trend.Points.Should().Be(31);
        revenue.Trend.PValue.Should().BeInRange(0, 1);
        revenue.Sparkline.Should().HaveCount(31);
        revenue.Target.Should().BeGreaterThan(0, "the demo shop sets monthly revenue targets");
        report.PreviousRange.Should().Be(new DateRange(new(2026, 9, 1), new(2026, 9, 30)));
    }

    [Fact]
    public async Task Active_customers_match_a_count_of_distinct_buyers()
    {
        var range = DemoShopKpiFixture.LastMonth;
        await using var connection = await shop.DataSource.OpenConnectionAsync();
        var buyers = await connection.ExecuteScalarAsync<long>("""
            SELECT count(DISTINCT customer_id) FROM invoice_lines
             WHERE business_date BETWEEN @from AND @to AND deleted_at IS NULL AND customer_id IS NOT NULL
            """, new { from = range.From.ToDateTime(TimeOnly.MinValue), to = range.To.ToDateTime(TimeOnly.MinValue) });

        var totals = await shop.Customers.TotalsAsync(null, range);

        totals.Active.Should().Be(buyers).And.BeGreaterThan(0);
        totals.Retained.Should().BeLessThanOrEqualTo(totals.ActiveBefore);
    }

    [Fact]
    public async Task Inventory_kpis_have_numbers_for_the_demo_shop()
    {
        var report = await shop.Inventory.KpisAsync(KpiFilter.All, DemoShopKpiFixture.LastMonth, InventorySettings.Default);

        report.Totals.AverageInventoryValue.Should().BeGreaterThan(0);
        report.Kpis.Single(k => k.Code == "inventory_turnover").Value.Should().BeGreaterThan(0);
        report.Kpis.Single(k => k.Code == "sell_through").Value.Should().BeInRange(0, 1);
        report.Kpis.Single(k => k.Code == "stockout_frequency").Value.Should().BeInRange(0, 1);
        report.GoldStock.Should().NotBeEmpty();
        report.GoldStockValue.Should().BeGreaterThan(0);
        report.Ageing.Sum(b => b.Share.Value!.Value).Should().BeApproximately(1m, 0.0000001m);
    }

    private async Task<List<int>> BranchIdsAsync()
    {
        await using var connection = await shop.DataSource.OpenConnectionAsync();
        return [.. await connection.QueryAsync<int>("SELECT id FROM branches ORDER BY id")];
    }
}
