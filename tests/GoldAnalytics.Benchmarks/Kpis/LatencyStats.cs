using System.Diagnostics;
using System.Globalization;

namespace GoldAnalytics.Benchmarks.Kpis;

/// <summary>Timings of one measured operation and their percentiles.</summary>
internal sealed class LatencyStats(string name)
{
    private readonly List<double> _milliseconds = [];

    public string Name => name;

    public async Task<T> TimeAsync<T>(Func<Task<T>> operation)
    {
        var clock = Stopwatch.StartNew();
        var result = await operation();
        _milliseconds.Add(clock.Elapsed.TotalMilliseconds);
        return result;
    }

    public double Percentile(double p)
    {
        if (_milliseconds.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _milliseconds.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{name,-44} n={_milliseconds.Count,4}  p50={Percentile(50),9:F2} ms  p95={Percentile(95),9:F2} ms  max={Percentile(100),9:F2} ms");
}
