using GoldAnalytics.Domain.Forecasting.Models;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace GoldAnalytics.Domain.Forecasting.Regression;

/// <summary>
/// Linear regression on a trend, Fourier terms for the season (number of harmonics K chosen by AICc, as R's
/// tslm with fourier()) and a dummy per festival; prediction intervals from the regression's standard errors.
/// </summary>
public sealed class RegressionModel(int maxHarmonics = 10, int? harmonics = null) : IForecastModel, ISpecifiable
{
    public string Name => "Regression";

    public ModelOutcome Forecast(SeriesInput series, int horizon, IReadOnlyList<double> levels)
    {
        var n = series.Length;
        if (series.IsConstant())
        {
            return ModelOutcome.CannotFit(Name, series.IsAllZeros() ? "all zeros" : "constant series");
        }
        var festivals = (series.Festivals ?? []).Where(f => f.Active.Take(n).Any(a => a) && f.Active.Take(n).Any(a => !a)).ToList();
        if (festivals.Any(f => f.Active.Count < n + horizon))
        {
            return ModelOutcome.CannotFit(Name, "a festival calendar does not cover the forecast horizon");
        }
        var m = series.SeasonalPeriod;
        var best = Best(series, festivals);
        return best is null
            ? ModelOutcome.CannotFit(Name, "too short for a trend regression")
            : ModelOutcome.Of(best.Forecast(Name, horizon, levels));
    }

    public IForecastModel? Specify(SeriesInput series)
    {
        if (harmonics is not null || series.IsConstant())
        {
            return harmonics is null ? null : this;
        }
        var n = series.Length;
        var festivals = (series.Festivals ?? []).Where(f => f.Active.Take(n).Any(a => a) && f.Active.Take(n).Any(a => !a)).ToList();
        return Best(series, festivals) is { } fit ? new RegressionModel(maxHarmonics, fit.Harmonics) : null;
    }

    private RegressionFit? Best(SeriesInput series, List<Festival> festivals)
    {
        var m = series.SeasonalPeriod;
        var n = series.Length;
        var candidates = harmonics is { } fixedHarmonics ? [fixedHarmonics]
            : m >= 2 && n >= 2 * m ? Enumerable.Range(0, Math.Min(m / 2, maxHarmonics) + 1) : [0];
        RegressionFit? best = null;
        foreach (var k in candidates)
        {
            var fit = RegressionFit.Estimate(series.ToArray(), m, k, festivals);
            if (fit is not null && (best is null || fit.Aicc < best.Aicc))
            {
                best = fit;
            }
        }
        return best;
    }

    private sealed record RegressionFit(int Length, int Period, int Harmonics, IReadOnlyList<Festival> Festivals, Vector<double> Coefficients, Matrix<double> Inverse, double Sigma2, int Residuals, double Aicc)
    {
        public static RegressionFit? Estimate(double[] y, int m, int harmonics, List<Festival> festivals)
        {
            var n = y.Length;
            var columns = 2 + 2 * harmonics + festivals.Count;
            if (n <= columns + 2)
            {
                return null;
            }
            var x = Matrix<double>.Build.Dense(n, columns, (t, j) => Regressor(t, j, m, harmonics, festivals));
            var xtx = x.TransposeThisAndMultiply(x);
            var target = Vector<double>.Build.DenseOfArray(y);
            Matrix<double> inverse;
            try
            {
                inverse = xtx.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(columns));
            }
            catch (ArgumentException)
            {
                // Collinear regressors (e.g. a festival that always coincides with a season): this specification is skipped.
                return null;
            }
            var beta = inverse * x.TransposeThisAndMultiply(target);
            var residual = target - x * beta;
            var sse = residual.DotProduct(residual);
            var k = columns + 1;
            var aicc = n * Math.Log(Math.Max(sse / n, 1e-300)) + 2 * k + 2.0 * k * (k + 1) / (n - k - 1);
            return new RegressionFit(n, m, harmonics, festivals, beta, inverse, sse / (n - columns), n - columns, aicc);
        }

        public Forecast Forecast(string name, int horizon, IReadOnlyList<double> levels)
        {
            var point = new double[horizon];
            var sd = new double[horizon];
            for (var h = 0; h < horizon; h++)
            {
                var row = Vector<double>.Build.Dense(Coefficients.Count, j => Regressor(Length + h, j, Period, Harmonics, Festivals));
                point[h] = row.DotProduct(Coefficients);
                sd[h] = Math.Sqrt(Sigma2 * (1 + row.DotProduct(Inverse * row)));
            }
            // Student-t quantiles for the estimated variance, expressed as a normal-equivalent spread.
            var intervals = levels.Select(level =>
            {
                var scale = StudentT.InvCDF(0, 1, Residuals, 0.5 + level / 200) / Intervals.Quantile(level);
                return Intervals.Normal(point, [.. sd.Select(s => s * scale)], [level])[0];
            }).ToList();
            return new Forecast(name, point, intervals);
        }

        private static double Regressor(int t, int j, int m, int harmonics, IReadOnlyList<Festival> festivals)
        {
            if (j == 0)
            {
                return 1;
            }
            if (j == 1)
            {
                return t + 1;
            }
            var f = j - 2;
            if (f < 2 * harmonics)
            {
                var k = f / 2 + 1;
                var angle = 2 * Math.PI * k * (t + 1) / m;
                return f % 2 == 0 ? Math.Sin(angle) : Math.Cos(angle);
            }
            return festivals[f - 2 * harmonics].Active[t] ? 1 : 0;
        }
    }
}
