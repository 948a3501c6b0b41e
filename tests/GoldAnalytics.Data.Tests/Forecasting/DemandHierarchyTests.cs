using GoldAnalytics.Data.Forecasting;

namespace GoldAnalytics.Data.Tests.Forecasting;

public class DemandHierarchyTests
{
    private static readonly DateOnly First = new(2026, 9, 7);
    private static readonly DateOnly Last = new(2026, 9, 28);
    private static readonly ForecastProduct Ring = new(1, "RIN-22K-00001", "ring", 22);
    private static readonly ForecastProduct Band = new(2, "RIN-18K-00002", "ring", 18);
    private static readonly ForecastProduct Coin = new(3, "COI-24K-00003", "coin", 24);
    private static readonly ForecastBranch[] Branches = [new(1, "SOUK"), new(2, "MALL")];

    [Fact]
    public void Skus_categories_and_the_shop_are_the_sums_of_the_sku_branch_series()
    {
        var series = DemandHierarchy.Build([Ring, Band, Coin], Branches,
        [
            new(1, 1, First, 2), new(1, 2, First, 1), new(1, 1, First.AddDays(7), 3), new(2, 2, First.AddDays(14), 4),
            new(3, 1, First, 5), new(3, 1, Last, 1),
        ], First, Last).ToDictionary(s => (s.Level, s.Key));

        series.Should().HaveCount(3 * 2 + 3 + 2 + 1);
        series[("sku_branch", "RIN-22K-00001@SOUK")].Units.Should().Equal(2, 3, 0, 0);
        series[("sku", "RIN-22K-00001")].Units.Should().Equal(3, 3, 0, 0);
        series[("category", "ring")].Units.Should().Equal(3, 3, 4, 0);
        series[("shop", "")].Units.Should().Equal(8, 3, 4, 1);
        series[("sku_branch", "RIN-18K-00002@MALL")].BranchId.Should().Be(2);
        series[("sku", "COI-24K-00003")].Karat.Should().Be(24);
    }

    [Fact]
    public void A_week_with_more_refunds_than_sales_is_no_demand_at_every_level()
    {
        var series = DemandHierarchy.Build([Ring], Branches, [new(1, 1, First, 4), new(1, 1, First.AddDays(7), -2), new(1, 2, First.AddDays(7), 1)], First, Last)
            .ToDictionary(s => (s.Level, s.Key));

        series[("sku_branch", "RIN-22K-00001@SOUK")].Units.Should().Equal(4, 0, 0, 0);
        series[("shop", "")].Units.Should().Equal(4, 1, 0, 0);
    }

    [Fact]
    public void Weeks_before_the_first_sale_are_left_out_but_a_series_that_never_sold_keeps_every_week()
    {
        var series = DemandHierarchy.Build([Ring], Branches, [new(1, 2, First.AddDays(14), 2)], First, Last).ToDictionary(s => (s.Level, s.Key));

        var mall = series[("sku_branch", "RIN-22K-00001@MALL")];
        mall.Start.Should().Be(First.AddDays(14));
        mall.Units.Should().Equal(2, 0);
        var souk = series[("sku_branch", "RIN-22K-00001@SOUK")];
        souk.Start.Should().Be(First);
        souk.Units.Should().Equal(0, 0, 0, 0);
    }

    [Theory]
    [InlineData("2026-11-16", "2026-11-16")]
    [InlineData("2026-11-21", "2026-11-16")]
    [InlineData("2026-11-22", "2026-11-16")]
    public void A_day_belongs_to_the_iso_week_starting_on_its_monday(string day, string monday)
    {
        DemandHierarchy.WeekOf(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture))
            .Should().Be(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture));
    }
}
