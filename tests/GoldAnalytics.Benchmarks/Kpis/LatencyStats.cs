using System.Diagnostics;
using System.Globalization;

namespace GoldAnalytics.Benchmarks.Kpis;

/// <summary>Timings of one measured operation and their percentiles, with the machine load when it finished.</summary>
internal sealed class LatencyStats(string name)
{
    private readonly List<double> _milliseconds = [];
    private string _load = SystemLoad.Now();

    public string Name => name;

    public int Count => _milliseconds.Count;

    public TimeSpan Total => TimeSpan.FromMilliseconds(_milliseconds.Sum());

    public async Task<T> TimeAsync<T>(Func<Task<T>> operation)
    {
        var clock = Stopwatch.StartNew();
        var result = await operation();
        _milliseconds.Add(clock.Elapsed.TotalMilliseconds);
        _load = SystemLoad.Now();
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
        $"{name,-52} n={_milliseconds.Count,4}  p50={Percentile(50),9:F2} ms  p95={Percentile(95),9:F2} ms  max={Percentile(100),9:F2} ms  ({_load})");
}
