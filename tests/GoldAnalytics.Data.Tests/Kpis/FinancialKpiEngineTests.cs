using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using GoldAnalytics.Domain.Kpis.Trends;
using GoldAnalytics.Testing;
using Npgsql;

namespace GoldAnalytics.Data.Tests.Kpis;

public sealed class FinancialKpiEngineTests : IAsyncLifetime, IDisposable
{
    private static readonly DateRange January = new(new(2024, 1, 1), new(2024, 1, 31));
    private static readonly DateRange February = new(new(2024, 2, 1), new(2024, 2, 29));
    private readonly ShopDatabase _database = new();
    private NpgsqlDataSource _dataSource = null!;
    private ShopFixture _shop = null!;
    private FinancialKpiEngine _engine = null!;
    private KpiDataGate _gate = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        _shop = new ShopFixture(_database.ConnectionString);
        await _shop.CreateOrganisationAsync();
        _gate = new KpiDataGate(_dataSource, new KpiRollups(_dataSource));
        _engine = new FinancialKpiEngine(_dataSource, _gate);
    }

    public void Dispose() => _gate.Dispose();

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static decimal? Kpi(FinancialKpiReport report, string code) => report.Kpis.Single(k => k.Code == code).Value;

    [Fact]
    public async Task Revenue_profit_and_transactions_match_the_hand_count()
    {
        // Downtown: 1000 + 100 − 50 (cost 700) and 2000 + 0 (cost 1900); Mall: 500 + 50 (cost 300).
        await _shop.SellAsync(new(2024, 1, 10), ShopFixture.Downtown, ShopFixture.Ring22, 1_000m, 100m, 50m, 700m, customer: 1);
        await _shop.SellAsync(new(2024, 1, 11), ShopFixture.Downtown, ShopFixture.Coin24, 2_000m, 0m, 0m, 1_900m, customer: 2);
        await _shop.SellAsync(new(2024, 1, 12), ShopFixture.Mall, ShopFixture.Ring22, 500m, 50m, 0m, 300m);

        var report = await _engine.KpisAsync(KpiFilter.All, January, StatusThresholds.Default);

        Kpi(report, "revenue").Should().Be(3_600m);
        Kpi(report, "discounts").Should().Be(50m);
        Kpi(report, "tax").Should().Be(52.50m + 100m + 27.50m);
        Kpi(report, "gross_profit").Should().Be(700m);
        Kpi(report, "transactions").Should().Be(3m);
        Kpi(report, "average_transaction_value").Should().Be(1_200m);
        Kpi(report, "gold_grams_sold").Should().Be(20m);
    }

    [Fact]
    public async Task A_refund_in_the_next_month_lowers_that_month_and_leaves_the_sale_month_alone()
    {
        var invoice = await _shop.SellAsync(new(2024, 1, 31), ShopFixture.Downtown, ShopFixture.Ring22, 1_000m, 0m, 0m, 600m);
        await _shop.RefundAsync(invoice, new(2024, 2, 1), amountWithTax: 1_050m, costReversed: 600m);

        var totals = await _engine.TotalsAsync(KpiFilter.All, [January, February]);

        totals[0].Refunds.Should().Be(0m);
        totals[1].Refunds.Should().Be(1_000m); // 1050 / 1.05: tax is not revenue
        totals[1].RefundedCost.Should().Be(600m);
        totals[1].Units.Should().Be(-1);
        var february = await _engine.KpisAsync(KpiFilter.All, February, StatusThresholds.Default);
        Kpi(february, "net_revenue").Should().Be(-1_000m);
        Kpi(february, "gross_profit").Should().Be(-400m);
        Kpi(february, "gross_margin").Should().Be(0.4m);
    }

    [Fact]
    public async Task A_cached_number_is_never_served_after_a_write()
    {
        await _shop.SellAsync(new(2024, 1, 10), ShopFixture.Downtown, ShopFixture.Ring22, 1_000m, 0m, 0m, 600m);
        var before = await _engine.KpisAsync(KpiFilter.All, January, StatusThresholds.Default);
        (await _engine.KpisAsync(KpiFilter.All, January, StatusThresholds.Default)).Should().BeSameAs(before);

        await _shop.SellAsync(new(2024, 1, 20), ShopFixture.Mall, ShopFixture.Coin24, 2_000m, 0m, 0m, 1_500m);
        var after = await _engine.KpisAsync(KpiFilter.All, January, StatusThresholds.Default);

        Kpi(before, "revenue").Should().Be(1_000m);
        Kpi(after, "revenue").Should().Be(3_000m);
        after.DataVersion.Should().BeGreaterThan(before.DataVersion);
    }

    [Fact]
    public async Task Editing_an_invoice_into_another_month_moves_its_revenue()
    {
        var invoice = await _shop.SellAsync(new(2024, 1, 10), ShopFixture.Downtown, ShopFixture.Ring22, 1_000m, 0m, 0m, 600m);
        (await _engine.TotalsAsync(KpiFilter.All, [January]))[0].GrossSales.Should().Be(1_000m);

        await using (var connection = await _dataSource.OpenConnectionAsync())
        {
            await using var move = new NpgsqlCommand("UPDATE invoices SET business_date = '2024-02-03' WHERE id = @id", connection);
            move.Parameters.AddWithValue("id", invoice);
            await move.ExecuteNonQueryAsync();
        }

        var totals = await _engine.TotalsAsync(KpiFilter.All, [January, February]);
        totals[0].GrossSales.Should().Be(0m);
        totals[1].GrossSales.Should().Be(1_000m);
    }

    [Fact]
    public async Task Filters_narrow_by_branch_category_karat_and_product_line()
    {
        await _shop.SellAsync(new(2024, 1, 10), ShopFixture.Downtown, ShopFixture.Ring22, 1_000m, 0m, 0m, 600m);
        await _shop.SellAsync(new(2024, 1, 11), ShopFixture.Mall, ShopFixture.Coin24, 2_000m, 0m, 0m, 1_500m);

        var mall = await _engine.TotalsAsync(new KpiFilter(BranchId: ShopFixture.Mall), [January]);
        var rings = await _engine.TotalsAsync(new KpiFilter(Category: "ring"), [January]);
        var karat24 = await _engine.TotalsAsync(new KpiFilter(Karat: 24), [January]);
        var bullion = await _engine.TotalsAsync(new KpiFilter(ProductLineId: 2, BranchId: ShopFixture.Downtown), [January]);

        mall[0].GrossSales.Should().Be(2_000m);
        rings[0].GrossSales.Should().Be(1_000m);
        rings[0].Transactions.Should().Be(1);
        karat24[0].GrossSales.Should().Be(2_000m);
        bullion[0].Should().Be(Domain.Kpis.Financial.SalesTotals.Empty);
    }

    [Fact]
    public async Task A_branch_with_no_sales_has_zero_revenue_and_no_margin()
    {
        await _shop.SellAsync(new(2024, 1, 10), ShopFixture.Downtown, ShopFixture.Ring22, 1_000m, 0m, 0m, 600m);

        var mall = await _engine.KpisAsync(new KpiFilter(BranchId: ShopFixture.Mall), January, StatusThresholds.Default);

        Kpi(mall, "revenue").Should().Be(0m);
        mall.Kpis.Single(k => k.Code == "gross_margin").NullReason.Should().Be("no sales in the range");
    }

    [Fact]
    public async Task Targets_are_prorated_by_the_days_of_the_month_in_the_range()
    {
        await _shop.SellAsync(new(2024, 1, 10), ShopFixture.Downtown, ShopFixture.Ring22, 1_000m, 0m, 0m, 600m);
        await _shop.SetTargetAsync(ShopFixture.Downtown, new(2024, 1, 1), "revenue", 3_100m);
        await _shop.SetTargetAsync(ShopFixture.Mall, new(2024, 1, 1), "revenue", 6_200m);

        var firstTenDays = await _engine.KpisAsync(KpiFilter.All, new DateRange(new(2024, 1, 1), new(2024, 1, 10)), StatusThresholds.Default);
        var downtown = await _engine.KpisAsync(new KpiFilter(BranchId: ShopFixture.Downtown), January, StatusThresholds.Default);

        var revenue = firstTenDays.Kpis.Single(k => k.Code == "revenue");
        revenue.Target.Should().Be(3_000m); // (3100 + 6200) × 10 / 31
        revenue.Achievement.Should().Be(1_000m / 3_000m);
        revenue.Status.Should().Be(KpiStatus.Danger);
        downtown.Kpis.Single(k => k.Code == "revenue").Target.Should().Be(3_100m);
    }
}
