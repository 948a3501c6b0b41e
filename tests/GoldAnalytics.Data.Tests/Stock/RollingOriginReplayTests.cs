using GoldAnalytics.Data.Stock;
using GoldAnalytics.Domain.Stock.Policy;
using GoldAnalytics.Domain.Stock.Simulation;

namespace GoldAnalytics.Data.Tests.Stock;

public class RollingOriginReplayTests
{
    private static readonly LeadTime TwoWeeks = new(2, 0);
    private static readonly ReorderPolicy Spring = new(ReorderPoint: 2, OrderQuantity: 4, SafetyStock: 0, DemandDuringLeadTime: 2, DeviationDuringLeadTime: 1);
    private static readonly ReorderPolicy Summer = new(ReorderPoint: 3, OrderQuantity: 5, SafetyStock: 1, DemandDuringLeadTime: 2, DeviationDuringLeadTime: 1);
    private static readonly ReorderPolicy Now = new(ReorderPoint: 4, OrderQuantity: 6, SafetyStock: 2, DemandDuringLeadTime: 2, DeviationDuringLeadTime: 1);

    private static SeriesPolicy Series(string key, int weeks, ReorderPolicy policy) =>
        new(key, "0.95", 0.95, [.. Enumerable.Repeat(1.0, weeks)], policy, TwoWeeks);

    [Fact]
    public void Each_past_runs_policy_takes_over_from_its_week_of_the_replayed_year()
    {
        var replayed = RollingOriginReplay.Series(
            [Series("RIN@SOUK", 60, Now)],
            [new PolicyOrigin(13, [Series("RIN@SOUK", 60, Summer)]), new PolicyOrigin(0, [Series("RIN@SOUK", 60, Spring)])]).Single();

        replayed.Demand.Should().HaveCount(StockRecommender.ReplayWeeks);
        replayed.Policies.Select(p => (p.FromPeriod, p.Policy)).Should().Equal((0, Spring), (13, Summer));
    }

    [Fact]
    public void A_listing_newer_than_the_first_past_run_starts_with_the_earliest_policy_it_has()
    {
        var replayed = RollingOriginReplay.Series(
            [Series("CHN@MALL", 60, Now)],
            [new PolicyOrigin(0, []), new PolicyOrigin(13, [Series("CHN@MALL", 60, Summer)])]).Single();

        replayed.Policies.Select(p => (p.FromPeriod, p.Policy)).Should().Equal((0, Summer));
    }

    [Fact]
    public void A_history_shorter_than_a_year_counts_the_weeks_of_a_past_run_from_its_own_start()
    {
        // 20 weeks of history are the last 20 of the replayed 52: week 39 of the year is week 7 of this series, and
        // the run of week 26 (its week −6) is in force from its start.
        var replayed = RollingOriginReplay.Series(
            [Series("BNG@SOUK", 20, Now)],
            [new PolicyOrigin(0, [Series("BNG@SOUK", 1, Spring)]), new PolicyOrigin(26, [Series("BNG@SOUK", 7, Summer)]), new PolicyOrigin(39, [Series("BNG@SOUK", 20, Now)])]).Single();

        replayed.Demand.Should().HaveCount(20);
        replayed.Policies.Select(p => (p.FromPeriod, p.Policy)).Should().Equal((0, Summer), (7, Now));
    }

    [Fact]
    public void Without_past_runs_a_series_replays_through_its_current_policy()
    {
        var current = Series("RIN@SOUK", 60, Now);

        var replayed = RollingOriginReplay.Series([current], []).Single();
        var report = RollingOriginReplay.Run([current], []);

        replayed.Policies.Should().Equal(new ScheduledPolicy(0, Now, TwoWeeks));
        report.Overall.AchievedFillRate.Should().Be(PolicyReplay.Run([new ReplaySeries("RIN@SOUK", "0.95", replayed.Demand, Now, TwoWeeks, 0.95)]).Overall.AchievedFillRate);
    }
}
