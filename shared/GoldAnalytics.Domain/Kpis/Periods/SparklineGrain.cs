namespace GoldAnalytics.Domain.Kpis.Periods;

/// <summary>Picks the grain a sparkline is drawn at so it has between a handful and a few dozen points.</summary>
public static class SparklineGrain
{
    /// <summary>Daily up to 45 days, ISO weekly up to 26 weeks, monthly beyond.</summary>
    public static PeriodGrain For(DateRange range) => range.Days switch
    {
        <= 45 => PeriodGrain.Day,
        <= 182 => PeriodGrain.Week,
        _ => PeriodGrain.Month,
    };
}
