using GoldAnalytics.Domain.Kpis.Trends;

namespace GoldAnalytics.Domain.Kpis;

/// <summary>One point of a KPI's sparkline: the period's key, first day and value.</summary>
public sealed record SparkPoint(string Period, DateOnly Start, decimal? Value);

/// <summary>The trend test on the KPI's daily values in the range (docs/kpis.md, "Significance").</summary>
public sealed record TrendTest(
    string Test,
    int Points,
    long? S,
    double? Z,
    double? PValue,
    double? SenSlopePerDay,
    Direction Direction,
    bool Significant,
    string? Reason);

/// <summary>A KPI as the dashboard shows it: the number and everything that puts it in context.</summary>
public sealed record KpiResult(
    string Code,
    string Name,
    string Unit,
    decimal? Value,
    string? NullReason,
    decimal? Target,
    decimal? Achievement,
    decimal? Previous,
    decimal? SamePeriodLastYear,
    decimal? ChangeVsPrevious,
    decimal? ChangeVsLastYear,
    Direction Direction,
    TrendTest Trend,
    KpiStatus Status,
    IReadOnlyList<SparkPoint> Sparkline);
