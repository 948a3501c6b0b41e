using GoldAnalytics.Domain.Forecasting.Models;

namespace GoldAnalytics.Domain.Forecasting.Baselines;

/// <summary>Naive (last value) or seasonal naive (value one season ago) with random-walk prediction intervals.</summary>
public sealed class NaiveModel(bool seasonal) : IForecastModel
{
    public static NaiveModel Naive { get; } = new(false);

    public static NaiveModel Seasonal { get; } = new(true);

    public string Name => seasonal ? "SeasonalNaive" : "Naive";

    public ModelOutcome Forecast(SeriesInput series, int horizon, IReadOnlyList<double> levels)
    {
        var lag = seasonal ? series.SeasonalPeriod : 1;
        if (seasonal && lag <= 1)
        {
            return ModelOutcome.CannotFit(Name, "the series has no seasonal period");
        }
        if (series.Length <= lag)
        {
            return ModelOutcome.CannotFit(Name, $"too short: needs more than {lag} observations");
        }

        var y = series.Values;
        var n = y.Count;
        var point = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            point[h] = y[n - lag + h % lag];
        }

        var squares = 0.0;
        for (var t = lag; t < n; t++)
        {
            squares += (y[t] - y[t - lag]) * (y[t] - y[t - lag]);
        }
        var sigma = Math.Sqrt(squares / (n - lag));
        var sd = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            sd[h] = sigma * Math.Sqrt(h / lag + 1);
        }
        return ModelOutcome.Of(new Forecast(Name, point, Intervals.Normal(point, sd, levels)));
    }
}
