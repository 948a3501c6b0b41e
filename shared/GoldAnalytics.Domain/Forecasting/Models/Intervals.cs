
namespace GoldAnalytics.Domain.Forecasting.Models;

/// <summary>Builds prediction intervals from forecast standard deviations (normal errors) or from simulated paths.</summary>
public static class Intervals
{
    public static IReadOnlyList<PredictionInterval> Normal(IReadOnlyList<double> point, IReadOnlyList<double> standardDeviation, IReadOnlyList<double> levels)
    {
        var intervals = new List<PredictionInterval>(levels.Count);
        foreach (var level in levels)
        {
            var z = Quantile(level);
            var lower = new double[point.Count];
            var upper = new double[point.Count];
            for (var h = 0; h < point.Count; h++)
            {
                lower[h] = point[h] - z * standardDeviation[h];
                upper[h] = point[h] + z * standardDeviation[h];
            }
            intervals.Add(new PredictionInterval(level, lower, upper));
        }
        return intervals;
    }

    /// <summary>Empirical quantiles of simulated paths: paths[path][step].</summary>
    public static IReadOnlyList<PredictionInterval> Simulated(double[][] paths, int horizon, IReadOnlyList<double> levels)
    {
        var columns = new double[horizon][];
        for (var h = 0; h < horizon; h++)
        {
            var column = new double[paths.Length];
            for (var path = 0; path < paths.Length; path++)
            {
                column[path] = paths[path][h];
            }
            Array.Sort(column);
            columns[h] = column;
        }
        return [.. levels.Select(level =>
        {
            var tail = (1 - level / 100) / 2;
            return new PredictionInterval(
                level,
                [.. columns.Select(c => SortedQuantile(c, tail))],
                [.. columns.Select(c => SortedQuantile(c, 1 - tail))]);
        })];
    }

    /// <summary>Shifts every bound of the intervals by a per-step amount (used when a model adds a deterministic part).</summary>
    public static IReadOnlyList<PredictionInterval> Transform(IReadOnlyList<PredictionInterval> intervals, Func<int, double, double> map) =>
        [.. intervals.Select(i => new PredictionInterval(
            i.Level,
            [.. i.Lower.Select((v, h) => map(h, v))],
            [.. i.Upper.Select((v, h) => map(h, v))]))];

    /// <summary>Two-sided standard normal quantile for a coverage level in percent (95 → 1.96).</summary>
    public static double Quantile(double level) => MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.5 + level / 200);

    public static double SortedQuantile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
