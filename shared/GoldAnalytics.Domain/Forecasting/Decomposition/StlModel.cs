using GoldAnalytics.Domain.Forecasting.Models;

namespace GoldAnalytics.Domain.Forecasting.Decomposition;

/// <summary>
/// Forecasting through STL (as R's stlf): a non-seasonal model forecasts the seasonally adjusted series and the
/// last season of the seasonal component is added back. Suits long seasons (weekly data, m = 52) where seasonal
/// ETS and ARIMA are impractical.
/// </summary>
public sealed class StlModel(IForecastModel adjustedModel) : IForecastModel, ISpecifiable
{
    public string Name => $"STL-{adjustedModel.Name}";

    public IForecastModel? Specify(SeriesInput series)
    {
        if (adjustedModel is not ISpecifiable specifiable || series.SeasonalPeriod < 2 || series.Length < 2 * series.SeasonalPeriod || series.IsConstant())
        {
            return null;
        }
        var y = series.ToArray();
        var stl = RecentDecompositions.Decompose(y, series.SeasonalPeriod);
        var inner = specifiable.Specify(new SeriesInput([.. y.Select((v, t) => v - stl.Seasonal[t])], 1));
        return inner is null ? null : new StlModel(inner);
    }

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
        var stl = RecentDecompositions.Decompose(y, m);
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
