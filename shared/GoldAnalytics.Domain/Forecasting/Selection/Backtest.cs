using GoldAnalytics.Domain.Forecasting.Accuracy;
using GoldAnalytics.Domain.Forecasting.Models;

namespace GoldAnalytics.Domain.Forecasting.Selection;

/// <summary>Rolling-origin evaluation: the series is cut at several origins and each candidate forecasts the next steps from each cut.</summary>
public sealed record Backtest(int Origins = 2, int MinimumTrainLength = 8)
{
    /// <summary>Cut points (train lengths) for a series of length n and horizon h, latest first; empty when the series is too short.</summary>
    public IReadOnlyList<int> Cuts(int n, int horizon, int seasonalPeriod)
    {
        var test = Math.Max(1, Math.Min(horizon, n / 4));
        var step = Math.Max(1, test / Math.Max(Origins, 1));
        var minimum = Math.Max(MinimumTrainLength, seasonalPeriod > 1 && seasonalPeriod <= 24 ? 2 * seasonalPeriod + 2 : 0);
        return [.. Enumerable.Range(0, Origins).Select(i => n - test - i * step).Where(cut => cut >= minimum)];
    }

    /// <summary>Forecasts of each model from each cut (null where the model cannot fit at that cut).</summary>
    public static Forecast?[] Run(IForecastModel model, SeriesInput series, IReadOnlyList<int> cuts, int horizon)
    {
        var forecasts = new Forecast?[cuts.Count];
        for (var i = 0; i < cuts.Count; i++)
        {
            var cut = cuts[i];
            var steps = Math.Min(horizon, series.Length - cut);
            var train = new SeriesInput(series.Values.Take(cut).ToArray(), series.SeasonalPeriod, series.Festivals);
            forecasts[i] = model.Forecast(train, steps, []).Forecast;
        }
        return forecasts;
    }

    /// <summary>Errors (actual − forecast) of every step at every cut: the demand variability the stock policy uses.</summary>
    public static double[] Errors(SeriesInput series, IReadOnlyList<int> cuts, Forecast?[] forecasts) =>
        [.. cuts.SelectMany((cut, i) => forecasts[i] is { } f
            ? f.Point.Select((p, h) => series.Values[cut + h] - p)
            : [])];

    /// <summary>Mean MASE and sMAPE over the cuts; null when the model failed at any cut.</summary>
    public static BacktestScore? Score(string model, SeriesInput series, IReadOnlyList<int> cuts, Forecast?[] forecasts)
    {
        if (forecasts.Length == 0 || forecasts.Any(f => f is null))
        {
            return null;
        }
        double mase = 0, smape = 0;
        for (var i = 0; i < cuts.Count; i++)
        {
            var train = series.Values.Take(cuts[i]).ToArray();
            var point = forecasts[i]!.Point;
            var actual = series.Values.Skip(cuts[i]).Take(point.Count).ToArray();
            var scaled = ErrorMeasures.Mase(train, series.SeasonalPeriod, actual, point);
            // A flat history gives an infinite scale-free error; compare on the raw error instead.
            mase += double.IsFinite(scaled) ? scaled : actual.Zip(point, (a, f) => Math.Abs(a - f)).Average();
            smape += ErrorMeasures.Smape(actual, point);
        }
        return new BacktestScore(model, mase / cuts.Count, smape / cuts.Count, cuts.Count);
    }
}
