namespace GoldAnalytics.Domain.Kpis.Periods;

/// <summary>The calendar grains reports are kept at; weeks are ISO 8601 weeks (Monday to Sunday).</summary>
public enum PeriodGrain
{
    Day,
    Week,
    Month,
    Quarter,
    Year,
}
