using GoldAnalytics.Domain.Stock.Simulation;

namespace GoldAnalytics.Data.Stock;

/// <summary>A past run's policies, in force from a week of the replayed year (0 = its first week).</summary>
public sealed record PolicyOrigin(int FromWeek, IReadOnlyList<SeriesPolicy> Policies);

/// <summary>
/// The replayed year as the shop would have run it: each SKU × branch of the current run replays its last
/// <see cref="StockRecommender.ReplayWeeks"/> weeks through the policy each past run recommended, from that run's week
/// on (stock carried over), instead of through the policy sized on the forecast for the weeks after the replay. A
/// series no past run had yet (a newer listing) starts with the earliest policy it has, the current one at the latest.
/// </summary>
public static class RollingOriginReplay
{
    /// <summary>Replays the series (averaged over <see cref="StockRecommender.LeadTimeDraws"/> lead-time draws).</summary>
    public static ReplayReport Run(IReadOnlyList<SeriesPolicy> current, IReadOnlyList<PolicyOrigin> origins, int seed = 7) =>
        PolicyReplay.Run(Series(current, origins), seed, StockRecommender.LeadTimeDraws);

    /// <summary>Each current series' replayed weeks with the schedule of policies the past runs put in force.</summary>
    public static IReadOnlyList<ReplaySeries> Series(IReadOnlyList<SeriesPolicy> current, IReadOnlyList<PolicyOrigin> origins)
    {
        var byOrigin = origins.OrderBy(o => o.FromWeek).Select(o => (o.FromWeek, Policies: o.Policies.ToDictionary(p => p.SeriesKey))).ToList();
        return [.. current.Select(series => Replayed(series, byOrigin))];
    }

    private static ReplaySeries Replayed(SeriesPolicy series, List<(int FromWeek, Dictionary<string, SeriesPolicy> Policies)> origins)
    {
        var demand = StockRecommender.ReplayedWeeks(series.History);

        // A history shorter than the replayed year starts later in it: weeks count from its own first one.
        var offset = StockRecommender.ReplayWeeks - demand.Length;
        var schedule = new List<ScheduledPolicy>();
        foreach (var (fromWeek, policies) in origins)
        {
            if (!policies.TryGetValue(series.SeriesKey, out var policy))
            {
                continue;
            }
            var from = Math.Max(0, fromWeek - offset);
            if (schedule.Count > 0 && from == 0)
            {
                schedule.Clear();
            }
            schedule.Add(new ScheduledPolicy(from, policy.Policy, policy.LeadTime));
        }
        if (schedule.Count == 0)
        {
            schedule.Add(new ScheduledPolicy(0, series.Policy, series.LeadTime));
        }
        schedule[0] = schedule[0] with { FromPeriod = 0 };
        return new ReplaySeries(series.SeriesKey, series.Group, demand, schedule, series.TargetFillRate);
    }
}
