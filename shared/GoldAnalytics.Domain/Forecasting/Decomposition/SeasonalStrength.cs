namespace GoldAnalytics.Domain.Forecasting.Decomposition;

/// <summary>
/// Strength of seasonality and trend, F = max(0, 1 − Var(remainder)/Var(component + remainder))
/// (Wang, Smith and Hyndman 2006), from an additive decomposition.
/// </summary>
public static class SeasonalStrength
{
    /// <summary>Seasonal strength from a classical additive decomposition; 0 when the series is shorter than two seasons.</summary>
    public static double Of(double[] y, int m)
    {
        if (m <= 1 || y.Length < 2 * m)
        {
            return 0;
        }
        var trend = ClassicalDecomposition.CentredMovingAverage(y, m);
        var indices = ClassicalDecomposition.SeasonalIndices(y, m, multiplicative: false);
        var remainder = new List<double>();
        var seasonalPlusRemainder = new List<double>();
        for (var t = 0; t < y.Length; t++)
        {
            if (double.IsNaN(trend[t]))
            {
                continue;
            }
            var detrended = y[t] - trend[t];
            remainder.Add(detrended - indices[t % m]);
            seasonalPlusRemainder.Add(detrended);
        }
        return Strength(remainder, seasonalPlusRemainder);
    }

    /// <summary>max(0, 1 − Var(remainder)/Var(component + remainder)).</summary>
    public static double Strength(IReadOnlyList<double> remainder, IReadOnlyList<double> componentPlusRemainder)
    {
        var total = Variance(componentPlusRemainder);
        return total <= 0 ? 0 : Math.Max(0, 1 - Variance(remainder) / total);
    }

    private static double Variance(IReadOnlyList<double> x)
    {
        if (x.Count < 2)
        {
            return 0;
        }
        var mean = x.Average();
        return x.Sum(v => (v - mean) * (v - mean)) / (x.Count - 1);
    }
}
