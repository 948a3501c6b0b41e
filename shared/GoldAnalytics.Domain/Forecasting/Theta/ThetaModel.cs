using GoldAnalytics.Domain.Forecasting.Decomposition;
using GoldAnalytics.Domain.Forecasting.ExponentialSmoothing;
using GoldAnalytics.Domain.Forecasting.Models;
using GoldAnalytics.Domain.Forecasting.Seasonality;

namespace GoldAnalytics.Domain.Forecasting.Theta;

/// <summary>
/// The Theta method of the M3 competition (Assimakopoulos and Nikolopoulos 2000) in the form of R's thetaf:
/// simple exponential smoothing with drift equal to half the slope of the linear trend, on series seasonally
/// adjusted by classical multiplicative decomposition when the lag-m autocorrelation is significant at 90%.
/// </summary>
public sealed class ThetaModel : IForecastModel
{
    private static readonly EtsForm Ses = new(Component.Additive, Component.None, false, Component.None);

    public string Name => "Theta";

    public ModelOutcome Forecast(SeriesInput series, int horizon, IReadOnlyList<double> levels)
    {
        if (EtsModel.Refusal(series) is { } reason)
        {
            return ModelOutcome.CannotFit(Name, reason);
        }
        var y = series.ToArray();
        var n = y.Length;
        var m = series.SeasonalPeriod;
        var multiplicative = series.IsStrictlyPositive();
        double[]? indices = null;
        if (Autocorrelation.IsSeasonal(y, m))
        {
            indices = ClassicalDecomposition.SeasonalIndices(y, m, multiplicative);
            for (var t = 0; t < n; t++)
            {
                y[t] = multiplicative ? y[t] / indices[t % m] : y[t] - indices[t % m];
            }
        }

        var fit = EtsEstimator.Fit(Ses, y, 1, EtsCriterion.MeanSquaredError);
        if (fit is null)
        {
            return ModelOutcome.CannotFit(Name, "too short for simple exponential smoothing");
        }
        var alpha = Math.Max(1e-10, fit.Parameters.Alpha);
        var drift = Slope(y) / 2;
        var ses = fit.PointForecast(horizon);
        var point = new double[horizon];
        var sd = new double[horizon];
        var sigma2 = fit.Sigma2;
        for (var h = 0; h < horizon; h++)
        {
            point[h] = ses[h] + drift * (h + (1 - Math.Pow(1 - alpha, n)) / alpha);
            sd[h] = Math.Sqrt(sigma2 * (1 + h * alpha * alpha));
        }
        var intervals = Intervals.Normal(point, sd, levels);
        if (indices is not null)
        {
            double Season(int h) => indices[(n + h) % m];
            point = [.. point.Select((v, h) => multiplicative ? v * Season(h) : v + Season(h))];
            intervals = Intervals.Transform(intervals, (h, v) => multiplicative ? v * Season(h) : v + Season(h));
        }
        return ModelOutcome.Of(new Forecast(Name, point, intervals));
    }

    private static double Slope(double[] y)
    {
        var n = y.Length;
        var meanX = (n - 1) / 2.0;
        var meanY = y.Average();
        double sxy = 0, sxx = 0;
        for (var t = 0; t < n; t++)
        {
            sxy += (t - meanX) * (y[t] - meanY);
            sxx += (t - meanX) * (t - meanX);
        }
        return sxy / sxx;
    }
}
