using Dapper;
using GoldAnalytics.Data.Insights;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using GoldAnalytics.Domain.Kpis.Trends;
using Npgsql;

namespace GoldAnalytics.Data.Tests.Kpis.Incremental;

/// <summary>
/// Engines kept warm across writes (their day blocks, customer ledger and SKU cache updated only
/// for what changed) answer exactly what engines built from scratch, and what SQL over the rollups
/// answers, after inserts, edits, soft deletes, refunds and stock movements.
/// </summary>
public sealed class IncrementalStateTests : KpiEngineTestBase
{
    private static readonly DateRange[] Ranges =
    [
        new(new(2023, 12, 1), new(2024, 2, 29)),
        new(new(2024, 1, 1), new(2024, 1, 31)),
        new(new(2024, 1, 10), new(2024, 2, 14)),
        new(new(2024, 2, 1), new(2024, 2, 29)),
    ];

    private static readonly int?[] Branches = [null, ShopFixture.Downtown, ShopFixture.Mall];

    private BusinessQuestions _questions = null!;

    [Fact]
    public async Task Warm_engines_equal_engines_built_from_scratch_after_every_kind_of_write()
    {
        _questions = new BusinessQuestions(DataSource, Gate, Customers);
        await Shop.SetBuyRateAsync(new(2023, 12, 1), 22, 200m);
        await Shop.SetBuyRateAsync(new(2023, 12, 1), 24, 250m);
        await Shop.MoveStockAsync(new(2023, 12, 1), ShopFixture.Downtown, ShopFixture.Ring22, "receipt", 10);
        await Shop.MoveStockAsync(new(2023, 12, 1), ShopFixture.Mall, ShopFixture.Coin24, "receipt", 10);
        var first = await SellAsync(new(2024, 1, 5), ShopFixture.Downtown, ShopFixture.Ring22, 1_000m, customer: 1);
        var second = await SellAsync(new(2024, 1, 20), ShopFixture.Mall, ShopFixture.Coin24, 2_000m, customer: 2);
        await SellAsync(new(2024, 2, 2), ShopFixture.Downtown, ShopFixture.Ring22, 800m, customer: 1);
        await ShouldMatchFromScratchAsync("after the first sales");

        await SellAsync(new(2024, 2, 10), ShopFixture.Mall, ShopFixture.Ring22, 600m, customer: 2);
        await ShouldMatchFromScratchAsync("after a new sale");

        await SellAsync(new(2023, 12, 15), ShopFixture.Mall, ShopFixture.Coin24, 300m, customer: 2);
        await ShouldMatchFromScratchAsync("after an imported older sale moved a first purchase");

        await Shop.RefundAsync(first, new(2024, 2, 3), amountWithTax: 525m, costReversed: 300m);
        await ShouldMatchFromScratchAsync("after a refund in the next month");

        await ExecuteAsync("UPDATE invoices SET business_date = '2024-02-12', branch_id = 1, customer_id = 1 WHERE id = @id", second);
        await ShouldMatchFromScratchAsync("after an invoice moved to another day, branch and customer");

        await ExecuteAsync("UPDATE invoices SET deleted_at = now() WHERE id = @id", first);
        await ShouldMatchFromScratchAsync("after the refunded invoice was soft-deleted");

        await Shop.SetBuyRateAsync(new(2024, 2, 1), 22, 210m);
        await ShouldMatchFromScratchAsync("after a new gold rate");
    }

    private async Task<long> SellAsync(DateOnly day, int branch, int product, decimal gold, long customer)
    {
        var invoice = await Shop.SellAsync(day, branch, product, gold, 0m, 0m, gold * 0.6m, customer);
        await Shop.MoveStockAsync(day, branch, product, "sale", -1, invoice);
        return invoice;
    }

    private async Task ExecuteAsync(string sql, long id)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, new { id });
    }

    private async Task ShouldMatchFromScratchAsync(string because)
    {
        using var freshGate = new KpiDataGate(DataSource, new KpiRollups(DataSource));
        var freshFinancial = new FinancialKpiEngine(DataSource, freshGate);
        var freshCustomers = new CustomerKpiEngine(DataSource, freshGate);
        var freshInventory = new InventoryKpiEngine(DataSource, freshFinancial);
        var freshQuestions = new BusinessQuestions(DataSource, freshGate, freshCustomers);
        var (analytics, freshAnalytics) = (new CustomerAnalytics(Customers), new CustomerAnalytics(freshCustomers));
        var page = new PageRequest(1, 100);
        foreach (var range in Ranges)
        {
            foreach (var branch in Branches)
            {
                var filter = new KpiFilter(BranchId: branch);
                var warm = await Customers.TotalsAsync(branch, range);
                warm.Should().Be(await freshCustomers.TotalsAsync(branch, range), because);
                warm.Should().Be(await SqlCustomerTotalsAsync(branch, range), because);
                Json(await Customers.KpisAsync(branch, range, StatusThresholds.Default))
                    .Should().Be(Json(await freshCustomers.KpisAsync(branch, range, StatusThresholds.Default)), because);
                Json(await Inventory.KpisAsync(filter, range, InventorySettings.Default))
                    .Should().Be(Json(await freshInventory.KpisAsync(filter, range, InventorySettings.Default)), because);
                Json(await _questions.LeaderboardAsync(filter, range, page)).Should().Be(Json(await freshQuestions.LeaderboardAsync(filter, range, page)), because);
                Json(await _questions.ProductsAsync(filter, range, page)).Should().Be(Json(await freshQuestions.ProductsAsync(filter, range, page)), because);
                Json(await _questions.ProductLinesAsync(filter, range, page)).Should().Be(Json(await freshQuestions.ProductLinesAsync(filter, range, page)), because);
                Json(await _questions.BranchPerformanceAsync(filter, range)).Should().Be(Json(await freshQuestions.BranchPerformanceAsync(filter, range)), because);
                Json(await _questions.MoversAsync(filter, range, 3)).Should().Be(Json(await freshQuestions.MoversAsync(filter, range, 3)), because);
                Json(await analytics.CohortRetentionAsync(branch, range)).Should().Be(Json(await freshAnalytics.CohortRetentionAsync(branch, range)), because);
                Json(await analytics.RfmAsync(branch, range, 1, 50)).Should().Be(Json(await freshAnalytics.RfmAsync(branch, range, 1, 50)), because);
                Json(await analytics.LifetimeValueAsync(branch, range, 3)).Should().Be(Json(await freshAnalytics.LifetimeValueAsync(branch, range, 3)), because);
                Json(await _questions.BoughtTogetherAsync(filter, range, 0m, page)).Should().Be(Json(await freshQuestions.BoughtTogetherAsync(filter, range, 0m, page)), because);
                Json(await _questions.ValuableCustomersAsync(branch, range, page)).Should().Be(Json(await freshQuestions.ValuableCustomersAsync(branch, range, page)), because);
                var profile = await _questions.IdealCustomerProfileAsync(branch, range);
                Json(profile).Should().Be(Json(await freshQuestions.IdealCustomerProfileAsync(branch, range)), because);
                profile.Should().BeEquivalentTo(await SqlIdealCustomerProfileAsync(branch, range), options => options.WithStrictOrdering(), because);
            }
        }

        (await _questions.LeaderboardAsync(KpiFilter.All, Ranges[0], page)).Items.Should().NotBeEmpty();
    }

    // Reports carry their data version, which differs between engines; everything else must be equal.
    private static string Json(object report) =>
        System.Text.RegularExpressions.Regex.Replace(System.Text.Json.JsonSerializer.Serialize(report), "\"DataVersion\":\\d+", "");

    private async Task<IdealCustomerProfile> SqlIdealCustomerProfileAsync(int? branch, DateRange range)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await Insights.IdealCustomerProfileSql.ProfileAsync(connection, branch, range);
    }

    private async Task<Domain.Kpis.Customer.CustomerTotals> SqlCustomerTotalsAsync(int? branch, DateRange range)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await CustomerTotalsQuery.LoadAsync(connection, branch, range, range.Previous(), CancellationToken.None);
    }
}
