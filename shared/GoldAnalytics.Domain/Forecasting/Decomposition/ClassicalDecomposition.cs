namespace GoldAnalytics.Domain.Forecasting.Decomposition;

/// <summary>Classical decomposition by centred moving average (as R's decompose): seasonal indices per position in the season.</summary>
public static class ClassicalDecomposition
{
    /// <summary>
    /// Seasonal indices, index j for observations at positions t ≡ j (mod m). Additive indices sum to zero,
    /// multiplicative ones average one. Needs at least two full seasons.
    /// </summary>
    public static double[] SeasonalIndices(ReadOnlySpan<double> y, int m, bool multiplicative)
    {
        var trend = CentredMovingAverage(y, m);
        var sums = new double[m];
        var counts = new int[m];
        for (var t = 0; t < y.Length; t++)
        {
            if (double.IsNaN(trend[t]))
            {
                continue;
            }
            sums[t % m] += multiplicative ? y[t] / trend[t] : y[t] - trend[t];
            counts[t % m]++;
        }
        var indices = new double[m];
        for (var j = 0; j < m; j++)
        {
            indices[j] = counts[j] > 0 ? sums[j] / counts[j] : (multiplicative ? 1 : 0);
        }
        var mean = indices.Average();
        for (var j = 0; j < m; j++)
        {
            indices[j] = multiplicative ? indices[j] / mean : indices[j] - mean;
        }
        return indices;
    }

    /// <summary>Centred moving average of order m (2×m for even m); NaN where the window does not fit.</summary>
    public static double[] CentredMovingAverage(ReadOnlySpan<double> y, int m)
    {
        var result = new double[y.Length];
        Array.Fill(result, double.NaN);
        var half = m / 2;
        for (var t = half; t < y.Length - half; t++)
        {
            double sum = 0;
            if (m % 2 == 1)
            {
                for (var k = -half; k <= half; k++)
                {
                    sum += y[t + k];
                }
                result[t] = sum / m;
            }
            else
            {
                for (var k = -half + 1; k < half; k++)
                {
                    sum += y[t + k];
                }
                sum += 0.5 * (y[t - half] + y[t + half]);
                result[t] = sum / m;
            }
        }
        return result;
    }
}
