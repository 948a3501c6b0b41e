using GoldAnalytics.Domain.Stock.Policy;

namespace GoldAnalytics.Domain.Stock.Simulation;

/// <summary>
/// One SKU × branch to replay: its demand per period (oldest first), the policies in force (the first from period 0;
/// one policy for a replay of the current recommendation, several when the policy was re-sized along the way) and the
/// fill-rate target.
/// </summary>
public sealed record ReplaySeries(string Key, string Group, IReadOnlyList<double> Demand, IReadOnlyList<ScheduledPolicy> Policies, double TargetFillRate)
{
    /// <summary>A series replayed through one policy from start to end.</summary>
    public ReplaySeries(string key, string group, IReadOnlyList<double> demand, ReorderPolicy policy, LeadTime leadTime, double targetFillRate)
        : this(key, group, demand, [new ScheduledPolicy(0, policy, leadTime)], targetFillRate)
    {
    }
}

/// <summary>
/// What the policies achieved over a set of series: fill rate weighted by demand (units served / units wanted) against
/// the demand-weighted target and the demand-weighted fill rate the policies' own formulas predict (null when a policy
/// carries no prediction), stock held and orders placed (the opening one included).
/// </summary>
public sealed record ReplayTotals(string Group, int Series, double Demand, double TargetFillRate, double AchievedFillRate, double MeanSeriesFillRate, double AverageOnHand, double WeeksOfStock, double? PredictedFillRate = null, double Orders = 0)
{
    /// <summary>Achieved minus target, in percentage points.</summary>
    public double GapPoints => 100 * (AchievedFillRate - TargetFillRate);
}

/// <summary>The whole replay: totals over every series and per group (e.g. per target service level).</summary>
public sealed record ReplayReport(ReplayTotals Overall, IReadOnlyList<ReplayTotals> Groups);

/// <summary>
/// Replays each series' demand history through its recommended (s, Q) policy and adds up what was served and what was
/// held. Each replay starts as a replenishment cycle does: s on hand and Q just ordered. Starting with s + Q on the
/// shelf instead would hand every series a first order that sells with no risk of a stockout, flattering low targets
/// whose order is a large share of a year's demand.
/// </summary>
public static class PolicyReplay
{
    /// <summary>
    /// Replays every series with demand, each <paramref name="leadTimeDraws"/> times with its own sequence of drawn lead
    /// times, and averages what the draws served and held: the demand is the history, the lead times are not, and one
    /// year of draws per series moves a group's fill rate by a few tenths of a point.
    /// </summary>
    public static ReplayReport Run(IReadOnlyList<ReplaySeries> series, int seed = 7, int leadTimeDraws = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(leadTimeDraws, 1);
        var results = series
            .Where(s => s.Demand.Sum() > 0)
            .Select((s, i) => (Series: s, Result: Mean([.. Enumerable.Range(0, leadTimeDraws).Select(d => Replay(s, seed + i + d * series.Count))])))
            .ToList();
        return new ReplayReport(
            Totals("all", results),
            [.. results.GroupBy(r => r.Series.Group).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Totals(g.Key, [.. g]))]);
    }

    private static SimulationResult Replay(ReplaySeries series, int seed)
    {
        var opening = series.Policies[0].Policy;
        return PolicySimulation.Run(series.Demand, series.Policies, Math.Max(0, opening.ReorderPoint), seed, opening.OrderQuantity);
    }

    private static SimulationResult Mean(IReadOnlyList<SimulationResult> draws) => draws.Count == 1
        ? draws[0]
        : new SimulationResult(
            draws.Average(d => d.FillRate),
            draws.Average(d => d.CycleServiceLevel),
            draws.Average(d => d.AverageOnHand),
            draws.Average(d => d.Orders),
            draws[0].TotalDemand,
            draws.Average(d => d.UnitsShort));

    private static ReplayTotals Totals(string group, List<(ReplaySeries Series, SimulationResult Result)> results)
    {
        if (results.Count == 0)
        {
            return new ReplayTotals(group, 0, 0, 0, 1, 1, 0, 0);
        }

        var demand = results.Sum(r => r.Result.TotalDemand);
        var periods = results.Sum(r => r.Series.Demand.Count);
        var meanDemandPerPeriod = demand / Math.Max(1, periods) * results.Count;
        var onHand = results.Sum(r => r.Result.AverageOnHand);
        return new ReplayTotals(
            group,
            results.Count,
            demand,
            results.Sum(r => r.Series.TargetFillRate * r.Result.TotalDemand) / demand,
            (demand - results.Sum(r => r.Result.UnitsShort)) / demand,
            results.Average(r => r.Result.FillRate),
            onHand,
            meanDemandPerPeriod > 0 ? onHand / meanDemandPerPeriod : 0,
            Predicted(results.Select(r => r.Series), demand),
            results.Sum(r => r.Result.Orders));
    }

    // Each policy's prediction weighted by the demand of the weeks it was in force.
    private static double? Predicted(IEnumerable<ReplaySeries> series, double demand)
    {
        var weighted = 0.0;
        foreach (var s in series)
        {
            for (var i = 0; i < s.Policies.Count; i++)
            {
                if (s.Policies[i].Policy.PredictedFillRate is not { } predicted)
                {
                    return null;
                }
                var end = i + 1 < s.Policies.Count ? s.Policies[i + 1].FromPeriod : s.Demand.Count;
                weighted += predicted * s.Demand.Skip(s.Policies[i].FromPeriod).Take(end - s.Policies[i].FromPeriod).Sum(d => Math.Round(Math.Max(0, d)));
            }
        }
        return weighted / demand;
    }
}
