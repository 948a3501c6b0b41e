using GoldAnalytics.Domain.Forecasting.Intermittent;
using GoldAnalytics.Domain.Stock.Policy;

namespace GoldAnalytics.Domain.Tests.Stock.Policy;

public class DiscreteReorderPointTests
{
    [Theory]
    [InlineData(0.90, 4)] // P(D ≤ 3) = 0.857, P(D ≤ 4) = 0.947
    [InlineData(0.95, 5)] // P(D ≤ 4) = 0.947, P(D ≤ 5) = 0.983
    [InlineData(0.99, 6)] // P(D ≤ 5) = 0.983, P(D ≤ 6) = 0.9955
    public void Poisson_demand_with_mean_two_takes_the_smallest_reorder_point_covering_the_cycle_service_level(double level, int expected)
    {
        DiscreteReorderPoint.ForCycleServiceLevel(LeadTimeDemand.Poisson(2), level).Should().Be(expected);
    }

    [Fact]
    public void With_single_unit_orders_the_fill_rate_is_the_probability_of_no_stockout()
    {
        // Q = 1: fill = 1 − (E[(D − s)⁺] − E[(D − s − 1)⁺]) = P(D ≤ s), so the 95 % fill rate needs s = 5 like the cycle service level.
        var demand = LeadTimeDemand.Poisson(2);

        DiscreteReorderPoint.FillRate(demand, 4, 1).Should().BeApproximately(demand.AtMost(4), 1e-10);
        DiscreteReorderPoint.ForFillRate(demand, 0.95, 1).Should().Be(5);
    }

    [Fact]
    public void A_larger_order_quantity_needs_a_lower_reorder_point_for_the_same_fill_rate()
    {
        // Q = 10, s = 2: short per cycle = E[(D − 2)⁺] − E[(D − 12)⁺] = 2 − 2 + 2·P(0) + P(1) = 4e^−2 ≈ 0.541, fill ≈ 0.946.
        var demand = LeadTimeDemand.Poisson(2);

        DiscreteReorderPoint.FillRate(demand, 2, 10).Should().BeApproximately(1 - 4 * Math.Exp(-2) / 10, 1e-6);
        DiscreteReorderPoint.ForFillRate(demand, 0.94, 10).Should().Be(2);
        DiscreteReorderPoint.ForFillRate(demand, 0.95, 10).Should().Be(3);
    }

    [Fact]
    public void A_slow_mover_takes_its_sizes_from_the_history_and_its_rate_from_the_forecast()
    {
        var slow = SlowMover.Fit(1, [0, 2, 0, 0, 4, 0]);

        slow.Sizes.Should().Equal(2, 4);
        slow.OccasionsPerPeriod.Should().BeApproximately(1.0 / 3, 1e-12);
    }

    [Fact]
    public void Intermittent_lumpy_and_low_rate_series_are_slow_movers_and_busy_smooth_ones_are_not()
    {
        var twoWeeks = new LeadTime(2, 0);
        double[] history = [3, 4, 2, 5];

        SlowMover.Of(DemandPattern.Smooth, 10, history, twoWeeks).Should().BeNull();
        SlowMover.Of(DemandPattern.Erratic, 10, history, twoWeeks).Should().BeNull();
        SlowMover.Of(DemandPattern.Lumpy, 10, history, twoWeeks).Should().NotBeNull();
        SlowMover.Of(DemandPattern.Intermittent, 10, history, twoWeeks).Should().NotBeNull();
        SlowMover.Of(DemandPattern.Smooth, 2, history, twoWeeks).Should().NotBeNull();
    }

    [Fact]
    public void A_slow_movers_policy_reorders_at_a_whole_unit_from_its_discrete_lead_time_demand()
    {
        // One unit a week over a fixed 2-week lead time is Poisson(2); Q = 1 from an order cost far below holding.
        var settings = new ReorderSettings(0.95, ServiceLevelKind.FillRate, OrderCost: 0.01m, UnitCost: 1000m, AnnualHoldingRate: 0.25, PeriodsPerYear: 52);
        var lead = new LeadTime(2, 0);
        var demand = new DemandProfile(1, 1);

        var policy = ReorderPolicy.For(demand, lead, settings, SlowMover.Fit(1, [1, 0, 1, 1, 0, 1]));

        policy.OrderQuantity.Should().Be(1);
        policy.ReorderPoint.Should().Be(5);
        policy.DemandDuringLeadTime.Should().BeApproximately(2, 1e-8);
        policy.SafetyStock.Should().BeApproximately(3, 1e-8);
    }
}
