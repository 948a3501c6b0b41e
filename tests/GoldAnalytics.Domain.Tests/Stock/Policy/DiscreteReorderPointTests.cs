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
        slow.DemandChance.Should().BeApproximately(1.0 / 3, 1e-12);
        slow.PerPeriod().Should().Equal([2.0 / 3, 0, 1.0 / 6, 0, 1.0 / 6], (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void A_forecast_above_the_mean_size_wants_demand_every_period_with_larger_sizes()
    {
        // Mean size 2, forecast 2.5 a week: every week wants 2.5 units on average, 2 or 3 with even odds.
        var slow = SlowMover.Fit(2.5, [2, 0, 2]);

        slow.DemandChance.Should().Be(1);
        slow.PerPeriod().Should().Equal([0, 0, 0.5, 0.5], (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void A_series_selling_one_unit_every_week_has_no_spread_over_a_fixed_lead_time()
    {
        // A Poisson count of selling weeks would give 3 weeks a standard deviation of sqrt(3); the weeks are counted instead.
        var demand = SlowMover.Fit(1, [1, 1, 1, 1]).OverLeadTime(new LeadTime(3, 0));

        demand.Mean.Should().BeApproximately(3, 1e-12);
        demand.StandardDeviation.Should().BeApproximately(0, 1e-9);
        DiscreteReorderPoint.ForFillRate(demand, 0.99, 1).Should().Be(3);
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
        // Half a unit a week in single units: a week sells one with even odds, so a fixed 2-week lead time wants 0, 1 or 2
        // with 1/4, 1/2, 1/4. Q = 1 (order cost far below holding), so the fill rate is P(D ≤ s): 0.75 at s = 1, 1 at s = 2.
        var settings = new ReorderSettings(0.95, ServiceLevelKind.FillRate, OrderCost: 0.01m, UnitCost: 1000m, AnnualHoldingRate: 0.25, PeriodsPerYear: 52);
        var lead = new LeadTime(2, 0);
        var demand = new DemandProfile(0.5, 0.5);

        var policy = ReorderPolicy.For(demand, lead, settings, SlowMover.Fit(0.5, [1, 0, 1, 1, 0, 1]));
        var cycle = ReorderPolicy.For(demand, lead, settings with { ServiceLevel = 0.75, Kind = ServiceLevelKind.CycleServiceLevel }, SlowMover.Fit(0.5, [1, 0, 1]));

        policy.OrderQuantity.Should().Be(1);
        policy.ReorderPoint.Should().Be(2);
        policy.DemandDuringLeadTime.Should().BeApproximately(1, 1e-12);
        policy.SafetyStock.Should().BeApproximately(1, 1e-12);
        policy.PredictedFillRate.Should().BeApproximately(1, 1e-12);
        cycle.ReorderPoint.Should().Be(1);
    }
}
