using GoldAnalytics.Domain.Forecasting.Optimisation;

namespace GoldAnalytics.Domain.Forecasting.Arima;

/// <summary>Conditional-sum-of-squares estimation of a SARIMA order on an already differenced series.</summary>
public static class ArimaEstimator
{
    public static ArimaFit? Fit(ArimaOrder order, double[] w)
    {
        var m = order.Period;
        var start = order.P + m * order.SeasonalP;
        var n = w.Length;
        var k = order.CoefficientCount + 1;
        if (n - start <= k + 2)
        {
            return null;
        }
        var scale = Math.Max(Math.Sqrt(w.Select(v => v * v).Average()), 1e-8);
        var armaCount = order.CoefficientCount - (order.Constant ? 1 : 0);
        var initial = new double[order.CoefficientCount];
        if (order.Constant)
        {
            initial[^1] = w.Average() / scale;
        }
        var residuals = new double[n];
        var a = new double[order.P + m * order.SeasonalP + 1];
        var b = new double[order.Q + m * order.SeasonalQ + 1];
        double Objective(double[] v)
        {
            var i = 0;
            var phi = v.AsSpan(i, order.P);
            var theta = v.AsSpan(i += order.P, order.Q);
            var sPhi = v.AsSpan(i += order.Q, order.SeasonalP);
            var sTheta = v.AsSpan(i += order.SeasonalP, order.SeasonalQ);
            var mean = order.Constant ? v[i + order.SeasonalQ] * scale : 0;
            if (!Admissible(phi, theta, sPhi, sTheta))
            {
                return double.PositiveInfinity;
            }
            ArimaPolynomials.Autoregressive(phi, sPhi, m, a);
            ArimaPolynomials.MovingAverage(theta, sTheta, m, b);
            var sse = SumOfSquares(w, a, b, mean, residuals);
            return Math.Log(sse / (n - start));
        }

        double[] best = initial;
        if (initial.Length > 0)
        {
            var steps = initial.Select((_, i) => i < armaCount ? 0.1 : 0.1 + 0.1 * Math.Abs(initial[i])).ToArray();
            (best, _) = NelderMead.Minimise(Objective, initial, steps, maxEvaluations: 300 * initial.Length, tolerance: 1e-9);
        }
        var parts = Split(order, best, scale);
        if (!Admissible(parts.Phi, parts.Theta, parts.SeasonalPhi, parts.SeasonalTheta))
        {
            return null;
        }
        var final = new double[n];
        var sumSquares = SumOfSquares(
            w, ArimaPolynomials.Autoregressive(parts.Phi, parts.SeasonalPhi, m), ArimaPolynomials.MovingAverage(parts.Theta, parts.SeasonalTheta, m), parts.Mean, final);
        var used = n - start;
        var sigma2 = sumSquares / used;
        if (!(sigma2 > 0) || !double.IsFinite(sigma2))
        {
            return null;
        }
        // The likelihood is scaled to the whole differenced length so that orders with different start-up
        // lengths compare on the same footing.
        var minus2LogLikelihood = n * (Math.Log(2 * Math.PI * sigma2) + 1);
        var aicc = minus2LogLikelihood + 2 * k + 2.0 * k * (k + 1) / (n - k - 1);
        return new ArimaFit(order, parts.Phi, parts.Theta, parts.SeasonalPhi, parts.SeasonalTheta, parts.Mean, sumSquares / Math.Max(used - k + 1, 1), aicc, final);
    }

    private static (double[] Phi, double[] Theta, double[] SeasonalPhi, double[] SeasonalTheta, double Mean) Split(ArimaOrder order, double[] v, double scale)
    {
        var i = 0;
        var phi = v[i..(i += order.P)];
        var theta = v[i..(i += order.Q)];
        var sPhi = v[i..(i += order.SeasonalP)];
        var sTheta = v[i..(i += order.SeasonalQ)];
        var mean = order.Constant ? v[i] * scale : 0;
        return (phi, theta, sPhi, sTheta, mean);
    }

    private static bool Admissible(ReadOnlySpan<double> phi, ReadOnlySpan<double> theta, ReadOnlySpan<double> sPhi, ReadOnlySpan<double> sTheta) =>
        ArimaPolynomials.IsStationary(phi) && ArimaPolynomials.IsStationary(sPhi)
        && ArimaPolynomials.IsInvertible(theta) && ArimaPolynomials.IsInvertible(sTheta);

    private static double SumOfSquares(double[] w, double[] a, double[] b, double mean, double[] residuals)
    {
        var start = a.Length - 1;
        var sse = 0.0;
        Array.Clear(residuals);
        for (var t = start; t < w.Length; t++)
        {
            var e = w[t] - mean;
            for (var k = 1; k < a.Length; k++)
            {
                e -= a[k] * (w[t - k] - mean);
            }
            for (var k = 1; k < b.Length && t - k >= 0; k++)
            {
                e -= b[k] * residuals[t - k];
            }
            residuals[t] = e;
            sse += e * e;
        }
        return sse;
    }
}
