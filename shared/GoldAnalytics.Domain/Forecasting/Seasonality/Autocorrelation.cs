namespace GoldAnalytics.Domain.Forecasting.Seasonality;

/// <summary>Sample autocorrelation function (biased estimator, as R's acf).</summary>
public static class Autocorrelation
{
    /// <summary>r[k] for k = 0..maxLag (r[0] = 1); zeros for a constant series.</summary>
    public static double[] Compute(ReadOnlySpan<double> y, int maxLag)
    {
        var n = y.Length;
        var mean = 0.0;
        foreach (var v in y)
        {
            mean += v;
        }
        mean /= n;
        var c0 = 0.0;
        foreach (var v in y)
        {
            c0 += (v - mean) * (v - mean);
        }
        var r = new double[maxLag + 1];
        if (c0 <= 0)
        {
            return r;
        }
        r[0] = 1;
        for (var k = 1; k <= maxLag && k < n; k++)
        {
            var ck = 0.0;
            for (var t = k; t < n; t++)
            {
                ck += (y[t] - mean) * (y[t - k] - mean);
            }
            r[k] = ck / c0;
        }
        return r;
    }

    /// <summary>
    /// The M3 Theta method's seasonality test: the autocorrelation at lag m is significant at 90% (two-sided)
    /// against Bartlett's standard error sqrt((1 + 2 Σ_{k&lt;m} r_k²)/n).
    /// </summary>
    public static bool IsSeasonal(ReadOnlySpan<double> y, int m, double z = 1.6448536269514722)
    {
        if (m <= 1 || y.Length <= 2 * m)
        {
            return false;
        }
        var r = Compute(y, m);
        var sum = 0.0;
        for (var k = 1; k < m; k++)
        {
            sum += r[k] * r[k];
        }
        var se = Math.Sqrt((1 + 2 * sum) / y.Length);
        return Math.Abs(r[m]) / se > z;
    }
}
