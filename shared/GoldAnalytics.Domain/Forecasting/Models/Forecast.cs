namespace GoldAnalytics.Domain.Forecasting.Models;

/// <summary>Lower and upper bounds of a prediction interval at one coverage level (e.g. 80 or 95), per horizon step.</summary>
public sealed record PredictionInterval(double Level, IReadOnlyList<double> Lower, IReadOnlyList<double> Upper);

/// <summary>A model's point forecasts and prediction intervals for the next steps.</summary>
public sealed record Forecast(string Model, IReadOnlyList<double> Point, IReadOnlyList<PredictionInterval> Intervals)
{
    /// <summary>The interval at the given level, or null when the model was not asked for it.</summary>
    public PredictionInterval? At(double level) => Intervals.FirstOrDefault(i => Math.Abs(i.Level - level) < 1e-9);
}
