using GoldAnalytics.Domain.Kpis.Periods;
using GoldAnalytics.Domain.Kpis.Trends;

namespace GoldAnalytics.Domain.Kpis;

/// <summary>What a KPI card is computed from: the daily series and the comparison periods.</summary>
public sealed record KpiInputs<T>(DailySeries<T> Series, DateRange Range, T Current, T Previous, T SamePeriodLastYear);

/// <summary>Builds a <see cref="KpiResult"/> from a definition and its inputs.</summary>
public static class KpiCard
{
    /// <summary>The significance level the trend test is judged at.</summary>
    public const double SignificanceLevel = 0.05;

    /// <summary>Computes the value, comparisons, trend test, status and sparkline of one KPI.</summary>
    public static KpiResult Build<T>(KpiDefinition<T> kpi, KpiInputs<T> inputs, decimal? target, StatusThresholds thresholds)
    {
        var value = kpi.Formula(inputs.Current);
        var previous = kpi.Formula(inputs.Previous);
        var lastYear = kpi.Formula(inputs.SamePeriodLastYear);
        var achievement = target is null || value.Value is not { } actual
            ? Measure.Undefined(target is null ? "no target set" : value.NullReason!)
            : Financial.SalesKpis.Achievement(actual, target);
        var changeVsPrevious = Change.Percent(value, previous);
        var sparkline = inputs.Series.Buckets(inputs.Range, SparklineGrain.For(inputs.Range))
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
            TestTrend(kpi, inputs),
            thresholds.Evaluate(kpi.Polarity, achievement, changeVsPrevious),
            sparkline);
    }

    private static TrendTest TestTrend<T>(KpiDefinition<T> kpi, KpiInputs<T> inputs)
    {
        // Days where the KPI has no number (a margin on a day without sales) are left out, not zeroed.
        var daily = inputs.Range.EachDay()
            .Select(day => kpi.Formula(inputs.Series.Day(day)).Value)
            .Where(v => v.HasValue)
            .Select(v => (double)v!.Value)
            .ToList();
        var test = MannKendall.Test(daily);
        if (test is null)
        {
            return new TrendTest("mann-kendall", daily.Count, null, null, null, null, Direction.Unknown, false,
                $"fewer than {MannKendall.MinimumPoints} days with a value");
        }

        var significant = test.IsSignificant(SignificanceLevel);
        var direction = !significant ? Direction.Flat : test.S > 0 ? Direction.Up : Direction.Down;
        return new TrendTest("mann-kendall", daily.Count, test.S, test.Z, test.PValue, test.SenSlope, direction, significant, null);
    }
}
