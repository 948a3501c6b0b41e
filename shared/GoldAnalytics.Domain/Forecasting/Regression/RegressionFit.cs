using GoldAnalytics.Domain.Forecasting.Models;
using GoldAnalytics.Domain.Forecasting.Optimisation;
using MathNet.Numerics.Distributions;

namespace GoldAnalytics.Domain.Forecasting.Regression;

/// <summary>A fitted trend regression: coefficients, the Cholesky factor of XᵀX for standard errors, residual variance and AICc.</summary>
internal sealed record RegressionFit(int Length, int Period, int Harmonics, IReadOnlyList<Festival> Festivals, double[] Coefficients, double[,] Factor, double Sigma2, int Residuals, double Aicc)
{
    public Forecast Forecast(string name, int horizon, IReadOnlyList<double> levels)
    {
        var point = new double[horizon];
        var sd = new double[horizon];
        var row = new double[Coefficients.Length];
        for (var h = 0; h < horizon; h++)
        {
            for (var j = 0; j < row.Length; j++)
            {
                row[j] = TrendDesign.Regressor(Length + h, j, Period, Harmonics, Festivals);
                point[h] += row[j] * Coefficients[j];
            }
            Cholesky.ForwardSubstitute(Factor, row);
            var leverage = 0.0;
            foreach (var z in row)
            {
                leverage += z * z;
            }
            sd[h] = Math.Sqrt(Sigma2 * (1 + leverage));
        }
        // Student-t quantiles for the estimated variance, expressed as a normal-equivalent spread.
        var intervals = levels.Select(level =>
        {
            var scale = StudentT.InvCDF(0, 1, Residuals, 0.5 + level / 200) / Intervals.Quantile(level);
            return Intervals.Normal(point, [.. sd.Select(s => s * scale)], [level])[0];
        }).ToList();
        return new Forecast(name, point, intervals);
    }
}
