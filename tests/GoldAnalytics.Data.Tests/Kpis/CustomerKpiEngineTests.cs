using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using GoldAnalytics.Domain.Kpis.Trends;

namespace GoldAnalytics.Data.Tests.Kpis;

public sealed class CustomerKpiEngineTests : KpiEngineTestBase
{
    private static readonly DateRange January = new(new(2024, 1, 1), new(2024, 1, 31));
    private static readonly DateRange February = new(new(2024, 2, 1), new(2024, 2, 29));

    private async Task SellToTwoCustomersAsync()
    {
        // January: customer 1 twice, customer 2 once, a walk-in once. February: customer 1 once.
        await Shop.SellAsync(new(2024, 1, 5), ShopFixture.Downtown, ShopFixture.Ring22, 1_000m, 0m, 0m, 600m, customer: 1);
        await Shop.SellAsync(new(2024, 1, 20), ShopFixture.Mall, ShopFixture.Ring22, 500m, 0m, 0m, 300m, customer: 1);
        await Shop.SellAsync(new(2024, 1, 21), ShopFixture.Mall, ShopFixture.Coin24, 2_000m, 0m, 0m, 1_800m, customer: 2);
        await Shop.SellAsync(new(2024, 1, 22), ShopFixture.Mall, ShopFixture.Coin24, 2_000m, 0m, 0m, 1_800m);
        await Shop.SellAsync(new(2024, 2, 2), ShopFixture.Downtown, ShopFixture.Ring22, 800m, 0m, 0m, 500m, customer: 1);
    }

    [Fact]
    public async Task January_counts_active_new_and_repeat_customers()
    {
        await SellToTwoCustomersAsync();

        var totals = await Customers.TotalsAsync(null, January);

        totals.Active.Should().Be(2);
        totals.New.Should().Be(2);
        totals.Repeat.Should().Be(1);
        totals.Invoices.Should().Be(3);
        totals.Revenue.Should().Be(3_500m);
        totals.GrossProfit.Should().Be(800m);
    }

    [Fact]
    public async Task February_retains_one_of_two_january_customers()
    {
        await SellToTwoCustomersAsync();

        var report = await Customers.KpisAsync(null, February, StatusThresholds.Default);

        Value(report, "active_customers").Should().Be(1m);
        Value(report, "new_customers").Should().Be(0m);
        Value(report, "retention").Should().Be(0.5m);
        Value(report, "churn").Should().Be(0.5m);
        report.Kpis.Single(k => k.Code == "active_customers").Previous.Should().Be(2m);
        report.Kpis.Single(k => k.Code == "retention").Previous.Should().BeNull();
    }

    [Fact]
    public async Task A_branch_acquires_the_customers_whose_first_invoice_was_there()
    {
        await SellToTwoCustomersAsync();

        var downtown = await Customers.TotalsAsync(ShopFixture.Downtown, January);
        var mall = await Customers.TotalsAsync(ShopFixture.Mall, January);

        downtown.New.Should().Be(1);
        mall.New.Should().Be(1);
        mall.Active.Should().Be(2);
    }

    [Fact]
    public async Task Cohort_matrix_and_rfm_cover_the_customers()
    {
        await SellToTwoCustomersAsync();
        var analytics = new CustomerAnalytics(Customers);

        var matrix = await analytics.CohortRetentionAsync(null, new DateRange(January.From, February.To));
        var rfm = await analytics.RfmAsync(null, new DateRange(January.From, February.To), page: 1, pageSize: 10);
        var ltv = await analytics.LifetimeValueAsync(null, new DateRange(January.From, February.To), months: 2);

        matrix[0].Customers.Should().Be(2);
        matrix[0].Retention.Should().Equal(1m, 0.5m);
        rfm.Customers.Should().Be(2);
        rfm.Page[0].CustomerId.Should().Be(1);
        rfm.Page[0].Code.Should().Be("333"); // one of two customers below: 1 + ⌊5 × 1 / 2⌋
        rfm.Page[1].Code.Should().Be("111");
        ltv.CohortCurve[0].Value.Should().Be(400m);  // January profit 400 + 200 + 200 over 2 customers
        ltv.CohortCurve[1].Value.Should().Be(550m);  // + February's 300
    }

    [Fact]
    public async Task An_imported_older_sale_moves_the_first_purchase_and_a_deleted_one_moves_it_back()
    {
        await SellToTwoCustomersAsync();
        (await Customers.TotalsAsync(null, January)).New.Should().Be(2);

        var older = await Shop.SellAsync(new(2023, 12, 20), ShopFixture.Mall, ShopFixture.Ring22, 300m, 0m, 0m, 200m, customer: 2);

        (await Customers.TotalsAsync(null, January)).New.Should().Be(1);
        (await Customers.TotalsAsync(null, new DateRange(new(2023, 12, 1), new(2023, 12, 31)))).New.Should().Be(1);

        await using (var connection = await DataSource.OpenConnectionAsync())
        {
            await using var delete = new Npgsql.NpgsqlCommand("UPDATE invoices SET deleted_at = now() WHERE id = @id", connection);
            delete.Parameters.AddWithValue("id", older);
            await delete.ExecuteNonQueryAsync();
        }

        (await Customers.TotalsAsync(null, January)).New.Should().Be(2);
    }

    private static decimal? Value(CustomerKpiReport report, string code) => report.Kpis.Single(k => k.Code == code).Value;
}
