using MathNet.Numerics.Distributions;

namespace GoldAnalytics.Domain.Kpis.Trends;

/// <summary>Result of the Mann–Kendall test for a monotonic trend, with Sen's slope as its size.</summary>
/// <param name="S">Kendall's S: concordant minus discordant pairs.</param>
/// <param name="Z">Normal score with the continuity correction.</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="SenSlope">Median of all pairwise slopes, per step of the series; null above <see cref="MannKendall.MaxSenPoints"/> points.</param>
public sealed record MannKendallResult(long S, double Z, double PValue, double? SenSlope)
{
    /// <summary>True when the trend is significant at the level (0.05 by default).</summary>
    public bool IsSignificant(double level = 0.05) => PValue < level;
}

/// <summary>
/// The Mann–Kendall trend test (Mann 1945, Kendall 1975) with the tie correction of the variance.
/// Chosen because daily shop sales are skewed, have outlier days (festivals) and no normality, and
/// the question is "is this series going up or down" rather than "are two means different".
/// </summary>
public static class MannKendall
{
    /// <summary>The fewest points the test is run on; below it the normal approximation is meaningless.</summary>
    public const int MinimumPoints = 8;

    /// <summary>
    /// The longest series Sen's slope is computed for (a bit more than a year of days, 80,000 slopes).
    /// The test itself is O(n²) comparisons without allocation and always runs; the slope's n²/2
    /// values cost tens of milliseconds at three years, too much for a dashboard request.
    /// </summary>
    public const int MaxSenPoints = 400;

    /// <summary>Tests the series in order; null when it has fewer than <see cref="MinimumPoints"/> points.</summary>
    public static MannKendallResult? Test(IReadOnlyList<double> series)
    {
        var n = series.Count;
        if (n < MinimumPoints)
        {
            return null;
        }

        var x = series as double[] ?? [.. series];
        var s = KendallS(x);
        var variance = Variance(series);
        var z = variance <= 0 ? 0 : s switch
        {
            > 0 => (s - 1) / Math.Sqrt(variance),
            < 0 => (s + 1) / Math.Sqrt(variance),
            _ => 0,
        };
        var p = 2 * (1 - Normal.CDF(0, 1, Math.Abs(z)));
        var sen = n <= MaxSenPoints ? SenSlope(x) : (double?)null;
        return new MannKendallResult(s, z, p, sen);
    }

    // S = Σ_{i<j} sign(x_j − x_i), vectorised: comparisons give −1 for true, so less − greater counts +1 per rise.
    private static long KendallS(double[] x)
    {
        var n = x.Length;
        var width = System.Numerics.Vector<double>.Count;
        var rises = System.Numerics.Vector<long>.Zero;
        long tail = 0;
        for (var i = 0; i < n - 1; i++)
        {
            var xi = x[i];
            var pivot = new System.Numerics.Vector<double>(xi);
            var j = i + 1;
            for (; j <= n - width; j += width)
            {
                var difference = new System.Numerics.Vector<double>(x, j) - pivot;
                rises += System.Numerics.Vector.LessThan(difference, System.Numerics.Vector<double>.Zero)
                    - System.Numerics.Vector.GreaterThan(difference, System.Numerics.Vector<double>.Zero);
            }

            for (; j < n; j++)
            {
                tail += x[j] > xi ? 1 : x[j] < xi ? -1 : 0;
            }
        }

        return System.Numerics.Vector.Sum(rises) + tail;
    }

    // All n(n−1)/2 pairwise slopes and their median, by selection in linear time rather than a sort.
    private static double SenSlope(double[] x)
    {
        var n = x.Length;
        var slopes = new double[n * (n - 1) / 2];
        var k = 0;
        for (var i = 0; i < n - 1; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                slopes[k++] = (x[j] - x[i]) / (j - i);
            }
        }

        return Median(slopes);
    }

    private static double Median(Span<double> values)
    {
        var middle = values.Length / 2;
        var upper = Select(values, middle);
        return values.Length % 2 == 1 ? upper : (upper + Select(values, middle - 1)) / 2;
    }

    // Hoare's quickselect: the k-th smallest value; reorders the array.
    private static double Select(Span<double> values, int k)
    {
        var (left, right) = (0, values.Length - 1);
        while (left < right)
        {
            var pivot = values[left + ((right - left) / 2)];
            var (i, j) = (left, right);
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }

    // Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18 over the groups of t tied values.
    private static double Variance(IReadOnlyList<double> series)
    {
        double n = series.Count;
        var ties = series.GroupBy(x => x).Select(g => (double)g.Count()).Where(t => t > 1).Sum(t => t * (t - 1) * ((2 * t) + 5));
        return ((n * (n - 1) * ((2 * n) + 5)) - ties) / 18;
    }
}
