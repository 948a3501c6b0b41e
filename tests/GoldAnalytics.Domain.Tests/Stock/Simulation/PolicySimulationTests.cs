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
}
