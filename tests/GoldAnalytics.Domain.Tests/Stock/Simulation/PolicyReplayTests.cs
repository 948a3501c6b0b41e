using GoldAnalytics.Domain.Stock.Policy;
using GoldAnalytics.Domain.Stock.Simulation;

namespace GoldAnalytics.Domain.Tests.Stock.Simulation;

public class PolicyReplayTests
{
    private static readonly LeadTime TwoWeeks = new(2, 0);

    [Fact]
    public void A_policy_that_starts_with_more_than_the_year_needs_serves_every_unit()
    {
        var ample = new ReorderPolicy(ReorderPoint: 1000, OrderQuantity: 10, SafetyStock: 0, DemandDuringLeadTime: 20, DeviationDuringLeadTime: 0);
        var report = PolicyReplay.Run([new ReplaySeries("RIN@SOUK", "0.95", Enumerable.Repeat(10.0, 52).ToArray(), ample, TwoWeeks, 0.95)]);

        report.Overall.Series.Should().Be(1);
        report.Overall.Demand.Should().Be(520);
        report.Overall.AchievedFillRate.Should().Be(1);
        report.Overall.GapPoints.Should().BeApproximately(5, 1e-9);
    }

    [Fact]
    public void Series_without_demand_are_left_out_and_groups_add_up_to_the_whole()
    {
        var policy = new ReorderPolicy(30, 20, 10, 20, 5);
        var report = PolicyReplay.Run(
        [
            new ReplaySeries("A@SOUK", "0.9", Enumerable.Repeat(10.0, 52).ToArray(), policy, TwoWeeks, 0.90),
            new ReplaySeries("B@SOUK", "0.99", Enumerable.Repeat(5.0, 52).ToArray(), policy, TwoWeeks, 0.99),
            new ReplaySeries("C@SOUK", "0.99", new double[52], policy, TwoWeeks, 0.99),
        ]);

        report.Overall.Series.Should().Be(2);
        report.Groups.Select(g => g.Group).Should().Equal("0.9", "0.99");
        report.Groups.Sum(g => g.Demand).Should().Be(report.Overall.Demand);
        // The target is weighted by demand: 520 units at 90 % and 260 at 99 %.
        report.Overall.TargetFillRate.Should().BeApproximately((520 * 0.90 + 260 * 0.99) / 780, 1e-12);
        var served = report.Groups.Sum(g => g.AchievedFillRate * g.Demand);
        report.Overall.AchievedFillRate.Should().BeApproximately(served / report.Overall.Demand, 1e-12);
    }

    [Fact]
    public void A_reorder_point_below_lead_time_demand_falls_short_of_its_target()
    {
        var tooLow = new ReorderPolicy(ReorderPoint: 0, OrderQuantity: 5, SafetyStock: 0, DemandDuringLeadTime: 20, DeviationDuringLeadTime: 0);
        var report = PolicyReplay.Run([new ReplaySeries("A@MALL", "0.95", Enumerable.Repeat(10.0, 52).ToArray(), tooLow, new LeadTime(2, 0), 0.95)]);

        report.Overall.AchievedFillRate.Should().BeLessThan(0.8);
        report.Overall.GapPoints.Should().BeNegative();
        report.Overall.AverageOnHand.Should().BeLessThan(5);
    }

    [Fact]
    public void A_replay_starts_as_a_cycle_does_with_the_reorder_point_on_hand_and_one_order_on_the_way()
    {
        // One unit a week, s = 1, Q = 4, two weeks' lead time. The opening order (placed at 0) lands at week 2: the unit
        // at week 0.5 is served from the one on hand and the one at 1.5 is short. Later orders go out at weeks 3.5 and
        // 7.5 and land at 5.5 and 9.5, as their next unit is wanted: 9 of 10 served. Opening with s + Q = 5 on the
        // shelf serves all 10, the first order free of any risk.
        var policy = new ReorderPolicy(ReorderPoint: 1, OrderQuantity: 4, SafetyStock: -1, DemandDuringLeadTime: 2, DeviationDuringLeadTime: 0);
        double[] demand = [.. Enumerable.Repeat(1.0, 10)];

        var report = PolicyReplay.Run([new ReplaySeries("A@MALL", "0.9", demand, policy, TwoWeeks, 0.9)]);

        report.Overall.AchievedFillRate.Should().BeApproximately(0.9, 1e-12);
        report.Overall.Orders.Should().Be(3);
        PolicySimulation.Run(demand, policy, TwoWeeks, initialOnHand: 5).FillRate.Should().Be(1);
    }

    [Fact]
    public void Several_lead_time_draws_average_what_each_sequence_of_draws_served_and_held()
    {
        // Draw d of series i uses seed + i + d × series: here seeds 7, 8 and 9 for the one series.
        var lead = new LeadTime(2, 1);
        var policy = new ReorderPolicy(ReorderPoint: 3, OrderQuantity: 4, SafetyStock: 0, DemandDuringLeadTime: 3, DeviationDuringLeadTime: 2);
        double[] demand = [.. Enumerable.Range(0, 52).Select(w => (double)(w % 4))];
        var draws = Enumerable.Range(7, 3).Select(seed => PolicySimulation.Run(demand, policy, lead, initialOnHand: 3, seed, initialOnOrder: 4)).ToList();

        var report = PolicyReplay.Run([new ReplaySeries("ERR@SOUK", "0.95", demand, policy, lead, 0.95)], seed: 7, leadTimeDraws: 3);

        report.Overall.AchievedFillRate.Should().BeApproximately(1 - draws.Average(d => d.UnitsShort) / draws[0].TotalDemand, 1e-12);
        report.Overall.AverageOnHand.Should().BeApproximately(draws.Average(d => d.AverageOnHand), 1e-12);
        report.Overall.Orders.Should().BeApproximately(draws.Average(d => d.Orders), 1e-12);
        draws.Select(d => d.UnitsShort).Distinct().Should().HaveCountGreaterThan(1, "the draws differ, so the mean is not any one of them");
    }

    [Fact]
    public void The_predicted_fill_rate_weighs_each_policy_by_the_demand_of_the_weeks_it_was_in_force()
    {
        // 4 weeks of 1 unit under a policy predicting 90 %, then 2 weeks of 4 under one predicting 99 %; a second series
        // of 2 units a week for 6 weeks predicting 95 %: (4·0.90 + 8·0.99 + 12·0.95) / 24 = 0.955.
        var low = new ReorderPolicy(2, 4, 0, 2, 1, PredictedFillRate: 0.90);
        var high = low with { PredictedFillRate = 0.99 };
        var middle = low with { PredictedFillRate = 0.95 };

        var report = PolicyReplay.Run(
        [
            new ReplaySeries("A@SOUK", "0.95", [1, 1, 1, 1, 4, 4], [new ScheduledPolicy(0, low, TwoWeeks), new ScheduledPolicy(4, high, TwoWeeks)], 0.95),
            new ReplaySeries("B@SOUK", "0.95", [2, 2, 2, 2, 2, 2], middle, TwoWeeks, 0.95),
        ]);

        report.Overall.PredictedFillRate.Should().BeApproximately((4 * 0.90 + 8 * 0.99 + 12 * 0.95) / 24, 1e-12);
        PolicyReplay.Run([new ReplaySeries("C@SOUK", "0.95", [1, 1], new ReorderPolicy(2, 4, 0, 2, 1), TwoWeeks, 0.95)]).Overall.PredictedFillRate.Should().BeNull();
    }
}
