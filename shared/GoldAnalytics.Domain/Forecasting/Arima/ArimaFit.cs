using GoldAnalytics.Domain.Forecasting.Models;

namespace GoldAnalytics.Domain.Forecasting.Arima;

/// <summary>A SARIMA model fitted by conditional sum of squares: coefficients, innovations variance, AICc.</summary>
public sealed record ArimaFit(ArimaOrder Order, double[] Phi, double[] Theta, double[] SeasonalPhi, double[] SeasonalTheta, double Mean, double Sigma2, double Aicc, double[] Residuals)
{
    public Forecast Forecast(double[] y, int horizon, IReadOnlyList<double> levels, string name)
    {
        var stages = new List<(double[] Series, int Lag)>();
        var w = y;
        for (var i = 0; i < Order.SeasonalD; i++)
        {
            stages.Add((w, Order.Period));
            w = Differencing.Difference(w, Order.Period);
        }
        for (var i = 0; i < Order.D; i++)
        {
            stages.Add((w, 1));
            w = Differencing.Difference(w, 1);
        }

        var a = ArimaPolynomials.Autoregressive(Phi, SeasonalPhi, Order.Period);
        var b = ArimaPolynomials.MovingAverage(Theta, SeasonalTheta, Order.Period);
        var n = w.Length;
        var extended = new double[n + horizon];
        var errors = new double[n + horizon];
        for (var t = 0; t < n; t++)
        {
            extended[t] = w[t] - Mean;
            errors[t] = Residuals[t];
        }
        for (var t = n; t < n + horizon; t++)
        {
            var value = 0.0;
            for (var k = 1; k < a.Length && t - k >= 0; k++)
            {
                value += a[k] * extended[t - k];
            }
            for (var k = 1; k < b.Length && t - k >= 0; k++)
            {
                value += b[k] * errors[t - k];
            }
            extended[t] = value;
        }
        var point = extended[n..].Select(v => v + Mean).ToArray();
        for (var s = stages.Count - 1; s >= 0; s--)
        {
            point = Differencing.Integrate(stages[s].Series, point, stages[s].Lag);
        }

        var full = a.Select(c => -c).ToArray();
        full[0] = 1;
        foreach (var (_, lag) in stages)
        {
            var difference = new double[lag + 1];
            difference[0] = 1;
            difference[lag] = -1;
            full = Differencing.Multiply(full, difference);
        }
        var psi = ArimaPolynomials.PsiWeights([.. full.Select(c => -c)], b, horizon);
        var sd = new double[horizon];
        var cumulative = 0.0;
        for (var h = 0; h < horizon; h++)
        {
            cumulative += psi[h] * psi[h];
            sd[h] = Math.Sqrt(Sigma2 * cumulative);
        }
        return new Forecast(name, point, Intervals.Normal(point, sd, levels));
    }
}
