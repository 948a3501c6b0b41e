using GoldAnalytics.Domain.Forecasting.Intermittent;

namespace GoldAnalytics.Domain.Stock.Policy;

/// <summary>
/// A slow mover's demand per period: no demand, or with <paramref name="DemandChance"/> one of the quantities its
/// history's non-zero periods wanted (each equally likely), the chance scaled so that chance × mean size is the forecast
/// demand per period. Over a lead time the periods add up independently: the number of periods with demand is binomial,
/// not Poisson, so a series selling in most weeks is not given the spread of a rare one.
/// </summary>
public sealed record SlowMover(double DemandChance, IReadOnlyList<double> Sizes)
{
    /// <summary>Below this many units expected over the lead time a normal approximation is too coarse, whatever the pattern.</summary>
    public const double LowLeadTimeDemand = 10;

    /// <summary>
    /// The slow-mover model for intermittent or lumpy series (by the forecast's demand class) and for any series
    /// expecting fewer than <see cref="LowLeadTimeDemand"/> units over the lead time; null for the rest.
    /// </summary>
    public static SlowMover? Of(DemandPattern pattern, double meanPerPeriod, IReadOnlyList<double> history, LeadTime leadTime)
    {
        var slow = pattern is DemandPattern.Intermittent or DemandPattern.Lumpy || meanPerPeriod * leadTime.MeanPeriods < LowLeadTimeDemand;
        return slow && meanPerPeriod > 0 ? Fit(meanPerPeriod, history) : null;
    }

    /// <summary>
    /// Sizes from the history's non-zero periods in whole units (single units when it has none), the chance of demand
    /// from the forecast; a forecast above the mean size (demand every period) scales the sizes up instead.
    /// </summary>
    public static SlowMover Fit(double meanPerPeriod, IReadOnlyList<double> history)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(meanPerPeriod);
        IReadOnlyList<double> sizes = [.. history.Where(d => d >= 0.5).Select(d => Math.Round(d))];
        if (sizes.Count == 0)
        {
            sizes = [1.0];
        }
        var chance = meanPerPeriod / sizes.Average();
        return chance <= 1 ? new SlowMover(chance, sizes) : new SlowMover(1, [.. sizes.Select(s => s * chance)]);
    }

    /// <summary>P(a period wants n units): 1 − chance at zero, the rest shared by the sizes (a fractional size split between its neighbours, keeping its mean).</summary>
    public IReadOnlyList<double> PerPeriod()
    {
        var distribution = new double[(int)Math.Ceiling(Sizes.Max()) + 1];
        distribution[0] = 1 - DemandChance;
        var share = DemandChance / Sizes.Count;
        foreach (var size in Sizes)
        {
            var low = (int)Math.Floor(size);
            var above = size - low;
            distribution[low] += share * (1 - above);
            if (above > 0)
            {
                distribution[low + 1] += share * above;
            }
        }
        return distribution;
    }

    /// <summary>The demand over a lead time.</summary>
    public LeadTimeDemand OverLeadTime(LeadTime leadTime) => LeadTimeDemand.OverPeriods(PerPeriod(), leadTime);
}
