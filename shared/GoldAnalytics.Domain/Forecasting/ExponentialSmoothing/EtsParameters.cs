namespace GoldAnalytics.Domain.Forecasting.ExponentialSmoothing;

/// <summary>Smoothing parameters and states of an ETS model. Seasonal[j] is the season of time j − m (oldest first).</summary>
public sealed record EtsParameters(double Alpha, double Beta, double Gamma, double Phi, double Level, double Trend, IReadOnlyList<double> Seasonal);
