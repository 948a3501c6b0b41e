using GoldAnalytics.Domain.Kpis.Trends;

namespace GoldAnalytics.Domain.Kpis;

/// <summary>A KPI over an additive aggregate: its code, unit, which way is good and its formula.</summary>
public sealed record KpiDefinition<T>(string Code, string Name, string Unit, Polarity Polarity, Func<T, Measure> Formula)
{
    /// <summary>A KPI whose formula always has a number (sums such as revenue).</summary>
    public static KpiDefinition<T> Amount(string code, string name, string unit, Polarity polarity, Func<T, decimal> formula) =>
        new(code, name, unit, polarity, t => Measure.Of(formula(t)));
}
