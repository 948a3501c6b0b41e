using GoldAnalytics.Domain.Stock.Policy;
using GoldAnalytics.Domain.Stock.Simulation;
using GoldAnalytics.Domain.Tests.Forecasting;

namespace GoldAnalytics.Domain.Tests.Stock.Simulation;

public class PolicySimulationTests
{
    private static double[] DailyDemand(int days, double mean, double sd, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, days).Select(_ => Math.Max(0, Math.Round(mean + sd * SyntheticSeries.Normal(random))))];
    }

    [Theory]
    [InlineData(0.90)]
    [InlineData(0.95)]
    [InlineData(0.98)]
    public void Achieved_cycle_service_level_is_within_two_points_of_the_target(double target)
    {
        var demand = DailyDemand(20_000, 12, 4, seed: 21);
        var lead = new LeadTime(6, 1.5);
        var settings = new ReorderSettings(target, ServiceLevelKind.CycleServiceLevel, 80m, 250m, 0.25, 365);
        var policy = ReorderPolicy.For(DemandProfile.FromHistory(demand), lead, settings);
        var result = PolicySimulation.Run(demand, policy, lead, initialOnHand: policy.ReorderPoint + policy.OrderQuantity);
        result.Orders.Should().BeGreaterThan(500);
        result.CycleServiceLevel.Should().BeApproximately(target, 0.02);
    }

    [Fact]
    public void Achieved_fill_rate_is_within_two_points_of_the_target()
    {
        var demand = DailyDemand(20_000, 12, 4, seed: 22);
        var lead = new LeadTime(6, 1.5);
        var settings = new ReorderSettings(0.95, ServiceLevelKind.FillRate, 80m, 250m, 0.25, 365);
        var policy = ReorderPolicy.For(DemandProfile.FromHistory(demand), lead, settings);
        var result = PolicySimulation.Run(demand, policy, lead, initialOnHand: policy.ReorderPoint + policy.OrderQuantity);
        result.FillRate.Should().BeApproximately(0.95, 0.02);
    }

    [Fact]
    public void Average_stock_is_about_safety_stock_plus_half_an_order()
    {
        var demand = DailyDemand(20_000, 12, 4, seed: 23);
        var lead = new LeadTime(6, 0);
        var settings = new ReorderSettings(0.95, ServiceLevelKind.CycleServiceLevel, 80m, 250m, 0.25, 365);
        var policy = ReorderPolicy.For(DemandProfile.FromHistory(demand), lead, settings);
        var result = PolicySimulation.Run(demand, policy, lead, initialOnHand: policy.ReorderPoint + policy.OrderQuantity);
        result.AverageOnHand.Should().BeApproximately(policy.SafetyStock + policy.OrderQuantity / 2, 0.15 * policy.OrderQuantity);
    }

    [Fact]
    public void Without_stock_or_orders_every_unit_is_short()
    {
        var policy = new ReorderPolicy(-1000, 1, 0, 0, 0);
        var result = PolicySimulation.Run([3, 2, 4], policy, new LeadTime(1, 0), initialOnHand: 0);
        result.FillRate.Should().Be(0);
        result.UnitsShort.Should().Be(9);
    }

    [Fact]
    public void A_policy_taking_over_mid_replay_orders_at_once_when_the_position_is_at_its_reorder_point()
    {
        // One unit a week, two weeks' lead time, s = 1 and Q = 4 from the start: s on hand and Q on order (landing at 2),
        // so the unit at 1.5 is short; orders at 3.5 and 7.5 land at 5.5 and 9.5. From week 5, s = 5: the position is
        // 4 (the order landing at 5.5), so 4 more go out at 5.0 (landing at 7.0), and another at 7.5. On hand by hand:
        // 0.5 + 1.5 + 2 + 1 + 3 + 1 + 3 + 5 + 4 + 3.5 = 24.5 unit-weeks against 12.5 with the first policy throughout.
        double[] demand = [.. Enumerable.Repeat(1.0, 10)];
        var lead = new LeadTime(2, 0);
        var first = new ReorderPolicy(ReorderPoint: 1, OrderQuantity: 4, SafetyStock: -1, DemandDuringLeadTime: 2, DeviationDuringLeadTime: 0);
        var raised = first with { ReorderPoint = 5, SafetyStock = 3 };

        var resized = PolicySimulation.Run(demand, [new ScheduledPolicy(0, first, lead), new ScheduledPolicy(5, raised, lead)], initialOnHand: 1, initialOnOrder: 4);
        var kept = PolicySimulation.Run(demand, first, lead, initialOnHand: 1, initialOnOrder: 4);

        resized.Orders.Should().Be(4);
        resized.AverageOnHand.Should().BeApproximately(2.45, 1e-12);
        resized.FillRate.Should().BeApproximately(0.9, 1e-12);
        kept.Orders.Should().Be(3);
        kept.AverageOnHand.Should().BeApproximately(1.25, 1e-12);
    }

    [Fact]
    public void A_schedule_must_start_with_the_first_period_and_move_forward()
    {
        var policy = new ReorderPolicy(1, 4, 0, 2, 0);
        var lead = new LeadTime(2, 0);

        var late = () => PolicySimulation.Run([1, 1], [new ScheduledPolicy(1, policy, lead)], initialOnHand: 1);
        var backwards = () => PolicySimulation.Run([1, 1], [new ScheduledPolicy(0, policy, lead), new ScheduledPolicy(0, policy, lead)], initialOnHand: 1);

        late.Should().Throw<ArgumentException>();
        backwards.Should().Throw<ArgumentException>();
    }
}
