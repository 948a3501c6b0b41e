using GoldAnalytics.Domain.Forecasting.Models;

namespace GoldAnalytics.Domain.Forecasting.Decomposition;

/// <summary>
/// Forecasting through STL (as R's stlf): a non-seasonal model forecasts the seasonally adjusted series and the
/// last season of the seasonal component is added back. Suits long seasons (weekly data, m = 52) where seasonal
/// ETS and ARIMA are impractical.
/// </summary>
public sealed class StlModel(IForecastModel adjustedModel) : IForecastModel
{
    public string Name => $"STL-{adjustedModel.Name}";

    public ModelOutcome Forecast(SeriesInput series, int horizon, IReadOnlyList<double> levels)
    {
        var m = series.SeasonalPeriod;
        if (m < 2)
        {
            return ModelOutcome.CannotFit(Name, "the series has no seasonal period");
        }
        if (series.Length < 2 * m)
        {
            return ModelOutcome.CannotFit(Name, $"too short: STL needs two seasons ({2 * m} observations)");
        }
        if (series.IsConstant())
        {
            return ModelOutcome.CannotFit(Name, series.IsAllZeros() ? "all zeros" : "constant series");
        }
        var y = series.ToArray();
        var stl = Stl.Decompose(y, m);
        var adjusted = y.Select((v, t) => v - stl.Seasonal[t]).ToArray();
        var inner = adjustedModel.Forecast(new SeriesInput(adjusted, 1), horizon, levels);
        if (inner.Forecast is not { } forecast)
        {
            return ModelOutcome.CannotFit(Name, inner.CannotFitReason ?? "the adjusted series cannot be forecast");
        }
        var n = y.Length;
        double Season(int h) => stl.Seasonal[n - m + h % m];
        var point = forecast.Point.Select((v, h) => v + Season(h)).ToArray();
        return ModelOutcome.Of(new Forecast(Name, point, Intervals.Transform(forecast.Intervals, (h, v) => v + Season(h))));
    }
}
