using GoldAnalytics.Domain.Forecasting.Intermittent;

namespace GoldAnalytics.Domain.Stock.Policy;

/// <summary>
/// A slow mover's demand as a compound Poisson process: occasions per period and the quantities wanted on each
/// (the history's non-zero periods), scaled so that occasions × mean size is the forecast demand per period.
/// </summary>
public sealed record SlowMover(double OccasionsPerPeriod, IReadOnlyList<double> Sizes)
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

    /// <summary>Sizes from the history's non-zero periods in whole units (single units when it has none), rate from the forecast.</summary>
    public static SlowMover Fit(double meanPerPeriod, IReadOnlyList<double> history)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(meanPerPeriod);
        IReadOnlyList<double> sizes = [.. history.Where(d => d >= 0.5).Select(d => Math.Round(d))];
        if (sizes.Count == 0)
        {
            sizes = [1.0];
        }
        return new SlowMover(meanPerPeriod / sizes.Average(), sizes);
    }

    /// <summary>The demand over a lead time.</summary>
    public LeadTimeDemand OverLeadTime(LeadTime leadTime) => LeadTimeDemand.CompoundPoisson(OccasionsPerPeriod, Sizes, leadTime);
}
