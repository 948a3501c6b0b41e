using MathNet.Numerics.Distributions;

namespace GoldAnalytics.Domain.Kpis.Trends;

/// <summary>Result of the Mann–Kendall test for a monotonic trend, with Sen's slope as its size.</summary>
/// <param name="S">Kendall's S: concordant minus discordant pairs.</param>
/// <param name="Z">Normal score with the continuity correction.</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="SenSlope">Median of all pairwise slopes, per step of the series.</param>
public sealed record MannKendallResult(long S, double Z, double PValue, double SenSlope)
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

    /// <summary>Tests the series in order; null when it has fewer than <see cref="MinimumPoints"/> points.</summary>
    public static MannKendallResult? Test(IReadOnlyList<double> series)
    {
        var n = series.Count;
        if (n < MinimumPoints)
        {
            return null;
        }

        long s = 0;
        var slopes = new List<double>(n * (n - 1) / 2);
        for (var i = 0; i < n - 1; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                s += Math.Sign(series[j] - series[i]);
                slopes.Add((series[j] - series[i]) / (j - i));
            }
        }

        var variance = Variance(series);
        var z = variance <= 0 ? 0 : s switch
        {
            > 0 => (s - 1) / Math.Sqrt(variance),
            < 0 => (s + 1) / Math.Sqrt(variance),
            _ => 0,
        };
        var p = 2 * (1 - Normal.CDF(0, 1, Math.Abs(z)));
        slopes.Sort();
        var middle = slopes.Count / 2;
        var sen = slopes.Count % 2 == 1 ? slopes[middle] : (slopes[middle - 1] + slopes[middle]) / 2;
        return new MannKendallResult(s, z, p, sen);
    }

    // Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18 over the groups of t tied values.
    private static double Variance(IReadOnlyList<double> series)
    {
        double n = series.Count;
        var ties = series.GroupBy(x => x).Select(g => (double)g.Count()).Where(t => t > 1).Sum(t => t * (t - 1) * ((2 * t) + 5));
        return ((n * (n - 1) * ((2 * n) + 5)) - ties) / 18;
    }
}
