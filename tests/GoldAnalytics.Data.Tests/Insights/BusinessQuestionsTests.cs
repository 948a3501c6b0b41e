using Dapper;
using GoldAnalytics.Data.Insights;
using GoldAnalytics.Data.Tests.Kpis;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Financial;

namespace GoldAnalytics.Data.Tests.Insights;

public sealed class BusinessQuestionsTests(DemoShopKpiFixture shop) : IClassFixture<DemoShopKpiFixture>
{
    private static readonly Domain.Kpis.Periods.DateRange Month = DemoShopKpiFixture.LastMonth;
    private static readonly PageRequest Everything = new(1, 500);

    private async Task<decimal> ShopGrossProfitAsync(KpiFilter? filter = null) =>
        SalesKpis.GrossProfit((await shop.Financial.TotalsAsync(filter ?? KpiFilter.All, [Month]))[0]);

    [Fact]
    public async Task Leaderboard_is_ranked_by_gross_profit_and_adds_up_to_the_shop()
    {
        var board = await shop.Questions.LeaderboardAsync(KpiFilter.All, Month, Everything);

        board.Items.Should().NotBeEmpty();
        board.Items.Select(r => r.GrossProfit).Should().BeInDescendingOrder();
        board.Items.Sum(r => r.GrossProfit).Should().Be(await ShopGrossProfitAsync());
        board.Items.Sum(r => r.Transactions).Should().Be((await shop.Financial.TotalsAsync(KpiFilter.All, [Month]))[0].Transactions);
        board.Items[0].ProductMix.Sum(m => m.Share!.Value).Should().BeApproximately(1m, 0.000001m);
        board.Items[0].AverageMarginPerSale.Should().Be(board.Items[0].GrossProfit / board.Items[0].Transactions);
    }

    [Fact]
    public async Task Leaderboard_pages_do_not_overlap()
    {
        var first = await shop.Questions.LeaderboardAsync(KpiFilter.All, Month, new PageRequest(1, 3));
        var second = await shop.Questions.LeaderboardAsync(KpiFilter.All, Month, new PageRequest(2, 3));

        first.Total.Should().BeGreaterThan(3);
        first.Items.Should().HaveCount(3);
        second.Items[0].Rank.Should().Be(4);
        second.Items.Select(r => r.SalespersonId).Should().NotIntersectWith(first.Items.Select(r => r.SalespersonId));
    }

    [Fact]
    public async Task Products_and_product_lines_add_up_to_the_shop_profit()
    {
        var products = await shop.Questions.ProductsAsync(KpiFilter.All, Month, Everything);
        var lines = await shop.Questions.ProductLinesAsync(KpiFilter.All, Month, Everything);
        var gp = await ShopGrossProfitAsync();

        products.Total.Should().BeLessThanOrEqualTo(500);
        products.Items.Sum(p => p.GrossProfit).Should().Be(gp);
        lines.Items.Sum(p => p.GrossProfit).Should().Be(gp);
        lines.Items.Select(p => p.GrossProfit).Should().BeInDescendingOrder();
    }

    [Fact]
    public async Task Branch_months_add_up_to_the_shop_and_respect_a_category_filter()
    {
        var months = await shop.Questions.BranchPerformanceAsync(KpiFilter.All, DemoShopKpiFixture.AllDays);
        var rings = await shop.Questions.BranchPerformanceAsync(new KpiFilter(Category: "ring"), DemoShopKpiFixture.AllDays);
        var shopTotals = (await shop.Financial.TotalsAsync(KpiFilter.All, [DemoShopKpiFixture.AllDays]))[0];
        var ringTotals = (await shop.Financial.TotalsAsync(new KpiFilter(Category: "ring"), [DemoShopKpiFixture.AllDays]))[0];

        months.Select(m => m.Month).Distinct().Should().HaveCount(2, "60 days ending 31 October start on 2 September");
        months.Sum(m => m.Revenue).Should().Be(SalesKpis.Revenue(shopTotals));
        months.Sum(m => m.GrossProfit).Should().Be(SalesKpis.GrossProfit(shopTotals));
        rings.Sum(m => m.NetRevenue).Should().Be(SalesKpis.NetRevenue(ringTotals));
    }

    [Fact]
    public async Task Most_valuable_customers_and_the_top_decile_profile()
    {
        var customers = await shop.Questions.ValuableCustomersAsync(null, Month, new PageRequest(1, 10));
        var profile = await shop.Questions.IdealCustomerProfileAsync(null, Month);

        customers.Items.Select(c => c.GrossProfit).Should().BeInDescendingOrder();
        customers.Total.Should().Be((await shop.Customers.TotalsAsync(null, Month)).Active);
        profile.Customers.Should().Be(customers.Total);
        profile.TopDecileCustomers.Should().Be((profile.Customers + 9) / 10);
        profile.TopDecileProfitShare.Should().BeGreaterThan(0.1m);
        profile.TopDecileTicketSize.Should().BeGreaterThan(profile.AllTicketSize!.Value);
        profile.Categories.Sum(c => c.TopDecileShare).Should().BeApproximately(1m, 0.000001m);
        profile.Karats.Sum(c => c.AllCustomersShare).Should().BeApproximately(1m, 0.000001m);
        profile.Branches.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    public async Task Ideal_customer_profile_from_memory_equals_the_profile_from_the_customers_lines_in_sql(int? branch)
    {
        var profile = await shop.Questions.IdealCustomerProfileAsync(branch, Month);

        await using var connection = await shop.DataSource.OpenConnectionAsync();
        var fromSql = await IdealCustomerProfileSql.ProfileAsync(connection, branch, Month);
        profile.Categories.Should().NotBeEmpty();
        profile.Should().BeEquivalentTo(fromSql, options => options.WithStrictOrdering());
    }

    [Fact]
    public async Task Movers_rank_each_category_fastest_first_and_slowest_first()
    {
        var movers = await shop.Questions.MoversAsync(KpiFilter.All, Month, perCategory: 3);

        movers.Should().NotBeEmpty();
        foreach (var category in movers)
        {
            category.Fast.Select(m => m.Units).Should().BeInDescendingOrder();
            category.Slow.Select(m => m.Units).Should().BeInAscendingOrder();
            category.Fast.Count.Should().BeLessThanOrEqualTo(3);
        }
    }

    [Fact]
    public async Task Bought_together_counts_match_the_invoices()
    {
        var report = await shop.Questions.BoughtTogetherAsync(KpiFilter.All, DemoShopKpiFixture.AllDays, minimumSupport: 0.0005m, new PageRequest(1, 20));

        report.Baskets.Should().Be((await shop.Financial.TotalsAsync(KpiFilter.All, [DemoShopKpiFixture.AllDays]))[0].Transactions);
        report.Pairs.Items.Should().NotBeEmpty();
        report.Pairs.Items.Should().OnlyContain(p => p.Invoices >= report.MinimumInvoices && p.ProductA < p.ProductB);
        report.Pairs.Items.Select(p => p.Lift).Should().BeInDescendingOrder();
        var top = report.Pairs.Items[0];
        await using var connection = await shop.DataSource.OpenConnectionAsync();
        var both = await connection.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM (SELECT invoice_id FROM invoice_lines WHERE product_id IN (@a, @b) AND deleted_at IS NULL
             GROUP BY invoice_id HAVING count(DISTINCT product_id) = 2) x
            """, new { a = top.ProductA, b = top.ProductB });
        top.Invoices.Should().Be(both);
        top.Support.Should().Be((decimal)both / report.Baskets);
    }

    [Fact]
    public async Task Cost_breakdown_adds_up_to_the_expenses()
    {
        var costs = await shop.Questions.CostBreakdownAsync(null, DemoShopKpiFixture.AllDays);
        await using var connection = await shop.DataSource.OpenConnectionAsync();
        var expenses = await connection.ExecuteScalarAsync<decimal>("SELECT sum(amount) FROM expenses WHERE deleted_at IS NULL");

        costs.Sum(c => c.Total).Should().Be(expenses).And.BeGreaterThan(0);
        costs.Sum(c => c.Share!.Value).Should().BeApproximately(1m, 0.000001m);
        costs.Should().OnlyContain(c => c.Months.Count == 2);
    }

    [Fact]
    public async Task A_repeated_question_is_answered_from_the_cache()
    {
        var first = await shop.Questions.LeaderboardAsync(KpiFilter.All, Month, new PageRequest());
        var second = await shop.Questions.LeaderboardAsync(KpiFilter.All, Month, new PageRequest());

        second.Should().BeSameAs(first);
    }
}
