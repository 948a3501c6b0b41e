namespace GoldAnalytics.Domain.Forecasting.Decomposition;

/// <summary>Trend, seasonal and remainder components: y = trend + seasonal + remainder.</summary>
public sealed record StlComponents(double[] Trend, double[] Seasonal, double[] Remainder);

/// <summary>
/// Seasonal-trend decomposition by loess (Cleveland et al. 1990), inner loop only (non-robust, as R's stl
/// default): cycle-subseries smoothing, low-pass filtering of the seasonal, trend smoothing of the adjusted series.
/// </summary>
public static class Stl
{
    /// <summary>Decomposes y with seasonal period m (≥ 2, at least two full seasons) and seasonal window <paramref name="seasonalWindow"/> (odd).</summary>
    public static StlComponents Decompose(double[] y, int m, int seasonalWindow = 11, int innerIterations = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 2);
        if (y.Length < 2 * m)
        {
            throw new ArgumentException($"STL needs at least two seasons ({2 * m} observations); got {y.Length}.", nameof(y));
        }
        var n = y.Length;
        var ns = Odd(Math.Max(seasonalWindow, 7));
        var nl = Odd(m);
        var nt = Odd((int)Math.Ceiling(1.5 * m / (1 - 1.5 / ns)));
        var trend = new double[n];
        var seasonal = new double[n];
        for (var iteration = 0; iteration < innerIterations; iteration++)
        {
            var cycle = CycleSubseries(y, trend, m, ns);
            var lowPass = LowPass(cycle, m, nl);
            for (var t = 0; t < n; t++)
            {
                seasonal[t] = cycle[t + m] - lowPass[t];
            }
            var adjusted = new double[n];
            for (var t = 0; t < n; t++)
            {
                adjusted[t] = y[t] - seasonal[t];
            }
            trend = Loess.Smooth(adjusted, nt, 1);
        }
        var remainder = new double[n];
        for (var t = 0; t < n; t++)
        {
            remainder[t] = y[t] - trend[t] - seasonal[t];
        }
        return new StlComponents(trend, seasonal, remainder);
    }

    // Smooths each cycle-subseries of the detrended series and extends it by one value at each end: length n + 2m.
    private static double[] CycleSubseries(double[] y, double[] trend, int m, int ns)
    {
        var n = y.Length;
        var cycle = new double[n + 2 * m];
        for (var j = 0; j < m; j++)
        {
            var count = (n - j + m - 1) / m;
            var subseries = new double[count];
            for (var k = 0; k < count; k++)
            {
                subseries[k] = y[j + k * m] - trend[j + k * m];
            }
            var at = new double[count + 2];
            for (var k = 0; k < at.Length; k++)
            {
                at[k] = k - 1;
            }
            var smoothed = Loess.Smooth(subseries, ns, 0, at);
            for (var k = 0; k < smoothed.Length; k++)
            {
                var position = j + k * m;
                if (position < cycle.Length)
                {
                    cycle[position] = smoothed[k];
                }
            }
        }
        return cycle;
    }

    // Moving averages of length m, m and 3, then loess: the slow part of the cycle-subseries, removed from the seasonal.
    private static double[] LowPass(double[] cycle, int m, int nl)
    {
        var a = MovingAverage(cycle, m);
        var b = MovingAverage(a, m);
        var c = MovingAverage(b, 3);
        return Loess.Smooth(c, nl, 1);
    }

    private static double[] MovingAverage(double[] x, int length)
    {
        var result = new double[x.Length - length + 1];
        var sum = 0.0;
        for (var i = 0; i < length; i++)
        {
            sum += x[i];
        }
        result[0] = sum / length;
        for (var i = 1; i < result.Length; i++)
        {
            sum += x[i + length - 1] - x[i - 1];
            result[i] = sum / length;
        }
        return result;
    }

    private static int Odd(int value) => value % 2 == 0 ? value + 1 : value;
}
