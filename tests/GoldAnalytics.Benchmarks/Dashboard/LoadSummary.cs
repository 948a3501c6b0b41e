using System.Globalization;
using System.Text.Json.Nodes;

namespace GoldAnalytics.Benchmarks.Dashboard;

/// <summary>The loads of a run and what the hosts reported, printed as medians and p95s with each endpoint's timing.</summary>
internal sealed class LoadSummary
{
    private readonly List<double> _listening = [];
    private readonly List<double> _ready = [];
    private readonly List<double> _readyByHost = [];
    private readonly Dictionary<string, List<double>> _engines = [];
    private readonly Dictionary<string, int> _failedEngines = [];

    /// <summary>First page of a fresh host, opened as soon as it listens.</summary>
    public List<OverviewLoad> AtStart { get; } = [];

    /// <summary>First page of a fresh host, opened once it reports ready.</summary>
    public List<OverviewLoad> AfterReady { get; } = [];

    /// <summary>Later pages on the last host.</summary>
    public List<OverviewLoad> Warm { get; } = [];

    public bool AnyFailed => AtStart.Concat(AfterReady).Concat(Warm).Any(l => l.Error is not null);

    /// <summary>Notes when a host listened and reported ready (the benchmark's clock and its own), and its engines' warm-up times.</summary>
    public void AddReady(TimeSpan listening, TimeSpan ready, JsonObject report)
    {
        _listening.Add(listening.TotalMilliseconds);
        _ready.Add(ready.TotalMilliseconds);
        if (report["readyAfterMs"]?.GetValue<double>() is { } byHost)
        {
            _readyByHost.Add(byHost);
        }

        foreach (var engine in report["engines"]?.AsArray() ?? [])
        {
            var name = engine!["engine"]!.GetValue<string>();
            if (engine["status"]!.GetValue<string>() == "ready")
            {
                (_engines.TryGetValue(name, out var times) ? times : _engines[name] = []).Add(engine["milliseconds"]!.GetValue<double>());
            }
            else
            {
                _failedEngines[name] = _failedEngines.GetValueOrDefault(name) + 1;
            }
        }
    }

    public void Print(double budgetMs)
    {
        Console.WriteLine();
        Console.WriteLine("navigation start → interactive (all KPI groups show values, nothing loading, every chart drawn):");
        Summary("first page right after the host listens (not waiting)", AtStart.Select(l => l.InteractiveMs));
        Summary("first page once the host reports ready", AfterReady.Select(l => l.InteractiveMs));
        Summary("warm (later pages on the last host)", Warm.Select(l => l.InteractiveMs));
        Console.WriteLine("navigation start → charts finished animating:");
        Summary("right after listening", AtStart.Select(l => l.ChartsFinishedMs));
        Summary("once ready", AfterReady.Select(l => l.ChartsFinishedMs));
        Summary("warm", Warm.Select(l => l.ChartsFinishedMs));
        Console.WriteLine("host process start → (benchmark's clock; the host's own clock for ready):");
        Summary("listening", _listening);
        Summary("ready (/api/health/ready answers 200)", _ready);
        Summary("ready, as the host reports it", _readyByHost);
        if (_engines.Count > 0 || _failedEngines.Count > 0)
        {
            Console.WriteLine("KPI engine warm-up, in order (each engine's own fill, ms):");
            foreach (var (engine, times) in _engines)
            {
                Summary(engine, times);
            }

            foreach (var (engine, count) in _failedEngines)
            {
                Console.WriteLine($"  {engine,-40} not ready in {count} host(s): see the host log");
            }
        }

        Console.WriteLine();
        Console.WriteLine("API calls: median start (ms since navigation start) and duration (request start → response end), ms:");
        CallTable();
        Console.WriteLine();
        Console.WriteLine($"load average at end: {LoadAverage()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target: interactive under {budgetMs:F0} ms (see the medians above)"));
    }

    public static void Report(string label, OverviewLoad load, string note)
    {
        var slowest = load.Calls.OrderByDescending(c => c.End).FirstOrDefault();
        if (load.Error is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-8} FAILED: {load.Error}; slowest call ends {slowest?.End ?? 0:F0} ms ({Shorten(slowest?.Path)})  {note}"));
            return;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-8} interactive {load.InteractiveMs,7:F0} ms  charts finished {load.ChartsFinishedMs,7:F0} ms  {load.Calls.Count,2} API calls, last ends {slowest?.End ?? 0,7:F0} ms ({Shorten(slowest?.Path)})  {note}"));
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static void Summary(string label, IEnumerable<double> values)
    {
        var all = values.ToList();
        var list = all.Where(v => !double.IsNaN(v)).ToList();
        var failed = all.Count - list.Count;
        if (list.Count == 0)
        {
            Console.WriteLine(all.Count == 0 ? $"  {label,-54} none" : $"  {label,-54} every one of {all.Count} loads failed");
            return;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {label,-54} n={list.Count,3}{(failed > 0 ? $" ({failed} failed)" : "")}  median {Percentile(list, 50),7:F0} ms  p95 {Percentile(list, 95),7:F0} ms  min {list.Min(),7:F0} ms  max {list.Max(),7:F0} ms"));
    }

    private void CallTable()
    {
        List<OverviewLoad>[] groups = [AtStart, AfterReady, Warm];
        var loads = groups.SelectMany(g => g).ToList();
        var endpoints = loads.SelectMany(l => l.Calls).Select(c => Endpoint(c.Path)).Distinct().Order(StringComparer.Ordinal);
        Console.WriteLine($"  {"endpoint",-34} {"at start",9} {"dur",6} {"ready",9} {"dur",6} {"warm",9} {"dur",6}  calls/load");
        foreach (var endpoint in endpoints)
        {
            string Cell(List<OverviewLoad> group, Func<ApiCall, double> pick)
            {
                var values = group.SelectMany(l => l.Calls).Where(c => Endpoint(c.Path) == endpoint).Select(pick).ToList();
                return values.Count == 0 ? "-" : Percentile(values, 50).ToString("F0", CultureInfo.InvariantCulture);
            }

            var perLoad = loads.Average(l => l.Calls.Count(c => Endpoint(c.Path) == endpoint));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {endpoint,-34} {Cell(AtStart, c => c.Start),9} {Cell(AtStart, c => c.Duration),6} {Cell(AfterReady, c => c.Start),9} {Cell(AfterReady, c => c.Duration),6} {Cell(Warm, c => c.Start),9} {Cell(Warm, c => c.Duration),6}  {perLoad:F1}"));
        }
    }

    private static string Endpoint(string path) => path.Split('?')[0];

    private static string Shorten(string? path) => path is null ? "none" : Endpoint(path);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
