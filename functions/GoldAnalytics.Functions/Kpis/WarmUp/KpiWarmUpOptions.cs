namespace GoldAnalytics.Functions.Kpis.WarmUp;

/// <summary>Whether the host fills the KPI engines when it starts, and the shop's time zone that decides which day is today.</summary>
public sealed record KpiWarmUpOptions(bool Enabled, TimeZoneInfo ShopTimeZone)
{
    /// <summary><c>GA_KPI_WARMUP=false</c> leaves every engine to fill on its first request.</summary>
    public const string EnabledSetting = "GA_KPI_WARMUP";

    /// <summary>The days the dashboard opens on: its default range is the last 30 days to the shop's today.</summary>
    public const int DefaultRangeDays = 30;

    public static KpiWarmUpOptions From(IConfiguration configuration)
    {
        var zone = configuration["GA_TIME_ZONE"] is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) ? found : TimeZoneInfo.Utc;
        return new KpiWarmUpOptions(!string.Equals(configuration[EnabledSetting], "false", StringComparison.OrdinalIgnoreCase), zone);
    }
}
