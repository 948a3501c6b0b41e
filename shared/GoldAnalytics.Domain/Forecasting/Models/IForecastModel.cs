namespace GoldAnalytics.Domain.Forecasting.Models;

/// <summary>A forecasting method: fits a series and forecasts its next steps with prediction intervals.</summary>
public interface IForecastModel
{
    string Name { get; }

    /// <summary>Forecasts <paramref name="horizon"/> steps with intervals at each of <paramref name="levels"/> (percent).</summary>
    ModelOutcome Forecast(SeriesInput series, int horizon, IReadOnlyList<double> levels);
}
