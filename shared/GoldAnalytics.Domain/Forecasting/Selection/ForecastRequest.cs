using GoldAnalytics.Domain.Forecasting.Models;

namespace GoldAnalytics.Domain.Forecasting.Selection;

/// <summary>A series to forecast: history (oldest first), seasonal period, horizon, interval levels in percent and optional festival calendar.</summary>
public sealed record ForecastRequest(IReadOnlyList<double> Series, int SeasonalPeriod, int Horizon, IReadOnlyList<double>? Levels = null, IReadOnlyList<Festival>? Festivals = null)
{
    public static IReadOnlyList<double> DefaultLevels { get; } = [80, 95];

    public IReadOnlyList<double> IntervalLevels => Levels ?? DefaultLevels;

    public SeriesInput Input => new(Series, SeasonalPeriod, Festivals);
}
