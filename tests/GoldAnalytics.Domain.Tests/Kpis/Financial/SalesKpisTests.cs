using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Financial;
using GoldAnalytics.Domain.Kpis.Periods;

namespace GoldAnalytics.Domain.Tests.Kpis.Financial;

public sealed class SalesKpisTests
{
    // Two invoices: gross 10 000 + 5 000, discount 500, tax 725, cost 9 000; one refund of 1 000 returning 600 of cost.
    private static readonly SalesTotals Month = new(
        GrossSales: 15_000m, Discounts: 500m, Tax: 725m, Cost: 9_000m, Refunds: 1_000m, RefundedCost: 600m,
        Transactions: 2, Units: 3, Grams: 42.5m);

    [Fact]
    public void Revenue_is_gross_sales_less_discounts_without_tax()
    {
        SalesKpis.Revenue(Month).Should().Be(14_500m);
        SalesKpis.NetRevenue(Month).Should().Be(13_500m);
    }

    [Fact]
    public void Gross_profit_nets_refunds_and_the_cost_they_return()
    {
        SalesKpis.CostOfGoodsSold(Month).Should().Be(8_400m);
        SalesKpis.GrossProfit(Month).Should().Be(5_100m);
        SalesKpis.GrossMargin(Month).Value.Should().Be(5_100m / 13_500m);
        SalesKpis.CostRatio(Month).Value.Should().Be(8_400m / 13_500m);
    }

    [Fact]
    public void Per_transaction_figures_divide_by_invoices()
    {
        SalesKpis.AverageTransactionValue(Month).Value.Should().Be(7_250m);
        SalesKpis.UnitsPerTransaction(Month).Value.Should().Be(1.5m);
        SalesKpis.GramsPerTransaction(Month).Value.Should().Be(21.25m);
        SalesKpis.DiscountRate(Month).Value.Should().Be(500m / 15_000m);
    }

    [Fact]
    public void An_empty_range_has_zero_revenue_and_no_margin_with_a_reason()
    {
        var empty = SalesTotals.Empty;

        SalesKpis.Revenue(empty).Should().Be(0m);
        SalesKpis.GrossMargin(empty).Should().Be(Measure.Undefined("no sales in the range"));
        SalesKpis.AverageTransactionValue(empty).HasValue.Should().BeFalse();
        SalesKpis.AverageTransactionValue(empty).NullReason.Should().Be("no transactions in the range");
    }

    [Fact]
    public void A_day_with_only_a_refund_has_negative_net_revenue_and_no_transactions()
    {
        var refundOnly = SalesTotals.Empty with { Refunds = 300m, RefundedCost = 200m };

        SalesKpis.NetRevenue(refundOnly).Should().Be(-300m);
        SalesKpis.GrossProfit(refundOnly).Should().Be(-100m);
        SalesKpis.AverageTransactionValue(refundOnly).HasValue.Should().BeFalse();
    }

    [Fact]
    public void Achievement_divides_by_the_target_and_has_no_number_without_one()
    {
        SalesKpis.Achievement(14_500m, 20_000m).Value.Should().Be(0.725m);
        SalesKpis.Achievement(14_500m, null).NullReason.Should().Be("no target set");
        SalesKpis.Achievement(14_500m, 0m).NullReason.Should().Be("the target is zero");
    }

    [Fact]
    public void A_refund_crossing_a_month_boundary_counts_in_the_refund_month()
    {
        var sale = new SalesTotals(1_000m, 0m, 50m, 600m, 0m, 0m, 1, 1, 5m);
        var refund = SalesTotals.Empty with { Refunds = 1_000m, RefundedCost = 600m };
        var series = new DailySeries<SalesTotals>(
            new Dictionary<DateOnly, SalesTotals> { [new(2024, 1, 31)] = sale, [new(2024, 2, 1)] = refund },
            SalesTotals.Empty,
            (a, b) => a + b);

        var january = series.Total(new DateRange(new(2024, 1, 1), new(2024, 1, 31)));
        var february = series.Total(new DateRange(new(2024, 2, 1), new(2024, 2, 29)));

        SalesKpis.NetRevenue(january).Should().Be(1_000m);
        SalesKpis.GrossProfit(january).Should().Be(400m);
        SalesKpis.NetRevenue(february).Should().Be(-1_000m);
        SalesKpis.GrossProfit(february).Should().Be(-400m);
        SalesKpis.GrossProfit(january + february).Should().Be(0m);
    }

    [Fact]
    public void Totals_add_field_by_field()
    {
        var sum = SalesTotals.Sum([Month, Month]);

        sum.Should().Be(new SalesTotals(30_000m, 1_000m, 1_450m, 18_000m, 2_000m, 1_200m, 4, 6, 85m));
    }
}
