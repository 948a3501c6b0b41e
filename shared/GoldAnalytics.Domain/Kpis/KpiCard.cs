using GoldAnalytics.Domain.Kpis.Periods;
using GoldAnalytics.Domain.Kpis.Trends;

namespace GoldAnalytics.Domain.Kpis;

/// <summary>What a KPI card is computed from: the daily series and the comparison periods.</summary>
public sealed record KpiInputs<T>(DailySeries<T> Series, DateRange Range, T Current, T Previous, T SamePeriodLastYear);

/// <summary>
/// What a card over a non-additive aggregate (distinct customers) is computed from: the totals of
/// the range and comparison periods and of each sparkline bucket.
/// </summary>
public sealed record BucketInputs<T>(T Current, T Previous, T SamePeriodLastYear, IReadOnlyList<(Period Period, T Total)> Buckets);

/// <summary>Builds a <see cref="KpiResult"/> from a definition and its inputs.</summary>
public static class KpiCard
{
    /// <summary>The significance level the trend test is judged at.</summary>
    public const double SignificanceLevel = 0.05;

    /// <summary>Computes the value, comparisons, trend test on the daily values, status and sparkline of one KPI.</summary>
    public static KpiResult Build<T>(KpiDefinition<T> kpi, KpiInputs<T> inputs, decimal? target, StatusThresholds thresholds)
    {
        // Days where the KPI has no number (a margin on a day without sales) are left out, not zeroed.
        var daily = inputs.Range.EachDay().Select(day => kpi.Formula(inputs.Series.Day(day)).Value);
        var buckets = inputs.Series.Buckets(inputs.Range, SparklineGrain.For(inputs.Range));
        return Build(kpi, new BucketInputs<T>(inputs.Current, inputs.Previous, inputs.SamePeriodLastYear, buckets), daily, "days", target, thresholds);
    }

    /// <summary>Computes a card whose trend test runs on the sparkline buckets (for aggregates that do not add up over days).</summary>
    public static KpiResult Build<T>(KpiDefinition<T> kpi, BucketInputs<T> inputs, decimal? target, StatusThresholds thresholds) =>
        Build(kpi, inputs, inputs.Buckets.Select(b => kpi.Formula(b.Total).Value), "buckets", target, thresholds);

    private static KpiResult Build<T>(
        KpiDefinition<T> kpi, BucketInputs<T> inputs, IEnumerable<decimal?> trendSeries, string trendUnit, decimal? target, StatusThresholds thresholds)
    {
        var value = kpi.Formula(inputs.Current);
        var previous = kpi.Formula(inputs.Previous);
        var lastYear = kpi.Formula(inputs.SamePeriodLastYear);
        var achievement = target is null || value.Value is not { } actual
            ? Measure.Undefined(target is null ? "no target set" : value.NullReason!)
            : Financial.SalesKpis.Achievement(actual, target);
        var changeVsPrevious = Change.Percent(value, previous);
        var sparkline = inputs.Buckets
            .Select(b => new SparkPoint(b.Period.Key, b.Period.Start, kpi.Formula(b.Total).Value))
            .ToList();

        return new KpiResult(
            kpi.Code,
            kpi.Name,
            kpi.Unit,
            value.Value,
            value.NullReason,
            target,
            achievement.Value,
            previous.Value,
            lastYear.Value,
            changeVsPrevious.Value,
            Change.Percent(value, lastYear).Value,
            Change.Of(value, previous),
            TestTrend(trendSeries, trendUnit),
            thresholds.Evaluate(kpi.Polarity, achievement, changeVsPrevious),
            sparkline);
    }

    private static TrendTest TestTrend(IEnumerable<decimal?> values, string unit)
    {
        var series = values.Where(v => v.HasValue).Select(v => (double)v!.Value).ToList();
        var test = MannKendall.Test(series);
        if (test is null)
        {
            return new TrendTest("mann-kendall", series.Count, null, null, null, null, Direction.Unknown, false,
                $"fewer than {MannKendall.MinimumPoints} {unit} with a value");
        }

        var significant = test.IsSignificant(SignificanceLevel);
        var direction = !significant ? Direction.Flat : test.S > 0 ? Direction.Up : Direction.Down;
        return new TrendTest("mann-kendall", series.Count, test.S, test.Z, test.PValue, test.SenSlope, direction, significant, null);
    }
}
