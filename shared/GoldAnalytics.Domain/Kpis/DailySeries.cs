using GoldAnalytics.Domain.Kpis.Periods;

namespace GoldAnalytics.Domain.Kpis;

/// <summary>
/// Additive aggregates per business day (days without data are the empty aggregate), so any
/// range's total and any sparkline bucket is a sum of days: the same arithmetic for the live
/// dashboard and the stored reports.
/// </summary>
public sealed class DailySeries<T>(IReadOnlyDictionary<DateOnly, T> days, T empty, Func<T, T, T> add)
{
    /// <summary>The aggregate of one day, or the empty aggregate.</summary>
    public T Day(DateOnly day) => days.TryGetValue(day, out var value) ? value : empty;

    /// <summary>The sum over the range's days.</summary>
    public T Total(DateRange range) =>
        days.Where(d => range.Contains(d.Key)).Select(d => d.Value).Aggregate(empty, add);

    /// <summary>The sum per period of the grain that overlaps the range, clipped to the range.</summary>
    public IReadOnlyList<(Period Period, T Total)> Buckets(DateRange range, PeriodGrain grain) =>
        [.. Period.Covering(range, grain).Select(p => (p, Total(Clip(p.Range, range))))];

    private static DateRange Clip(DateRange period, DateRange range) =>
        new(period.From < range.From ? range.From : period.From, period.To > range.To ? range.To : period.To);
}
