
namespace GoldAnalytics.Domain.Forecasting.Seasonality;

/// <summary>What the series shows: strength of trend and seasonality (0–1, from STL), whether the season is significant, and the dominant periods.</summary>
public sealed record SeasonalityAnalysis(int SeasonalPeriod, double TrendStrength, double SeasonalStrength, bool IsSeasonal, IReadOnlyList<int> DominantPeriods)
{
    /// <summary>Seasonality counts as present when STL's seasonal strength passes this (R's nsdiffs threshold).</summary>
    public const double SeasonalStrengthThreshold = 0.64;

    public static SeasonalityAnalysis Of(IReadOnlyList<double> values, int seasonalPeriod)
    {
        var y = values.ToArray();
        var dominant = FindDominantPeriods(y);
        if (seasonalPeriod < 2 || y.Length < 2 * seasonalPeriod || y.All(v => v == y[0]))
        {
            return new SeasonalityAnalysis(seasonalPeriod, TrendOnlyStrength(y), 0, false, dominant);
        }
        var stl = Decomposition.RecentDecompositions.Decompose(y, seasonalPeriod);
        var seasonalPlusRemainder = stl.Seasonal.Zip(stl.Remainder, (s, r) => s + r).ToList();
        var trendPlusRemainder = stl.Trend.Zip(stl.Remainder, (t, r) => t + r).ToList();
        var seasonal = Decomposition.SeasonalStrength.Strength(stl.Remainder, seasonalPlusRemainder);
        var trend = Decomposition.SeasonalStrength.Strength(stl.Remainder, trendPlusRemainder);
        return new SeasonalityAnalysis(seasonalPeriod, trend, seasonal, seasonal > SeasonalStrengthThreshold || Autocorrelation.IsSeasonal(y, seasonalPeriod), dominant);
    }

    /// <summary>Up to three periods (2..n/2) with the highest periodogram peaks of the linearly detrended series.</summary>
    public static IReadOnlyList<int> FindDominantPeriods(double[] y)
    {
        var n = y.Length;
        if (n < 8)
        {
            return [];
        }
        var detrended = Detrend(y);
        // cos and sin of 2πkt/n repeat with (k·t) mod n: one table of n angles instead of n²/2 trigonometric calls.
        var cosines = new double[n];
        var sines = new double[n];
        for (var j = 0; j < n; j++)
        {
            var angle = 2 * Math.PI * j / n;
            cosines[j] = Math.Cos(angle);
            sines[j] = Math.Sin(angle);
        }
        var power = new List<(int Period, double Power)>();
        for (var k = 1; k <= n / 2; k++)
        {
            double re = 0, im = 0;
            var index = 0;
            for (var t = 0; t < n; t++)
            {
                re += detrended[t] * cosines[index];
                im -= detrended[t] * sines[index];
                index += k;
                if (index >= n)
                {
                    index -= n;
                }
            }
            var period = (int)Math.Round((double)n / k);
            if (period >= 2 && period <= n / 2)
            {
                power.Add((period, (re * re + im * im) / n));
            }
        }
        var total = power.Sum(p => p.Power);
        // A peak counts when it carries clearly more than an even share of the variance.
        return [.. power.Where(p => total > 0 && p.Power > 4 * total / Math.Max(power.Count, 1))
            .OrderByDescending(p => p.Power).Select(p => p.Period).Distinct().Take(3)];
    }

    private static double TrendOnlyStrength(double[] y)
    {
        if (y.Length < 7 || y.All(v => v == y[0]))
        {
            return 0;
        }
        var trend = Decomposition.Loess.Smooth(y, Math.Max(7, y.Length / 3), 1);
        var remainder = y.Zip(trend, (a, b) => a - b).ToList();
        return Decomposition.SeasonalStrength.Strength(remainder, y);
    }

    private static double[] Detrend(double[] y)
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
        var slope = sxy / sxx;
        return [.. y.Select((v, t) => v - meanY - slope * (t - meanX))];
    }
}
