namespace GoldAnalytics.Domain.Forecasting.Arima;

/// <summary>
/// KPSS test of level stationarity (Kwiatkowski et al. 1992) with Bartlett-weighted long-run variance and
/// R's ndiffs lag choice trunc(3·√n/13).
/// </summary>
public static class KpssTest
{
    /// <summary>The 5% critical value of the level-stationarity statistic.</summary>
    public const double CriticalValue5Percent = 0.463;

    public static double Statistic(ReadOnlySpan<double> y, int? lags = null)
    {
        var n = y.Length;
        var l = lags ?? (int)Math.Truncate(3 * Math.Sqrt(n) / 13);
        var mean = 0.0;
        foreach (var v in y)
        {
            mean += v;
        }
        mean /= n;
        var e = new double[n];
        for (var t = 0; t < n; t++)
        {
            e[t] = y[t] - mean;
        }
        double partial = 0, sumPartialSquares = 0, variance = 0;
        for (var t = 0; t < n; t++)
        {
            partial += e[t];
            sumPartialSquares += partial * partial;
            variance += e[t] * e[t];
        }
        variance /= n;
        for (var s = 1; s <= l; s++)
        {
            var covariance = 0.0;
            for (var t = s; t < n; t++)
            {
                covariance += e[t] * e[t - s];
            }
            variance += 2 * (1 - s / (l + 1.0)) * covariance / n;
        }
        return variance <= 0 ? 0 : sumPartialSquares / (n * (double)n * variance);
    }

    /// <summary>Number of first differences (0–2) after which the KPSS test no longer rejects stationarity at 5%.</summary>
    public static int Differences(double[] y, int maxDifferences = 2)
    {
        var d = 0;
        var x = y;
        while (d < maxDifferences && x.Length > 3 && !IsConstant(x) && Statistic(x) > CriticalValue5Percent)
        {
            x = Differencing.Difference(x, 1);
            d++;
        }
        return d;
    }

    private static bool IsConstant(double[] x) => x.All(v => Math.Abs(v - x[0]) < 1e-12);
}
