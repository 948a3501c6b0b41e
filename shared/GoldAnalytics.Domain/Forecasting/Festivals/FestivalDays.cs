namespace GoldAnalytics.Domain.Forecasting.Festivals;

/// <summary>One occurrence of a festival or season in the shop's calendar: its name and first and last day (inclusive).</summary>
public sealed record FestivalDays(string Name, DateOnly FirstDay, DateOnly LastDay)
{
    /// <summary>True when any day of the occurrence falls in the seven days starting at <paramref name="monday"/>.</summary>
    public bool Touches(DateOnly monday) => FirstDay <= monday.AddDays(6) && LastDay >= monday;
}
