using System.Diagnostics;

namespace GoldAnalytics.Functions.Kpis.WarmUp;

/// <summary>One engine's warm-up: pending, warming, ready, failed (it then fills on its first request), with how long it took.</summary>
public sealed record EngineWarmUp(string Engine, string Status, double? Milliseconds, string? Reason = null);

/// <summary>
/// Whether the KPI engines are warm: <c>warming</c> until every engine has filled (or failed), then
/// <c>ready</c>; <c>disabled</c> when the host does not warm them. <c>ReadyAfterMs</c> counts from the
/// process start.
/// </summary>
public sealed record KpiReadinessReport(string Status, double? ReadyAfterMs, IReadOnlyList<EngineWarmUp> Engines)
{
    public bool IsReady => Status != KpiReadiness.Warming;
}

/// <summary>The warm-up's progress, shared by the warm-up service (writes) and the health endpoints (read). Thread-safe.</summary>
public sealed class KpiReadiness
{
    public const string Warming = "warming";
    public const string Ready = "ready";
    public const string Disabled = "disabled";

    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<EngineWarmUp> _engines = [];
    private string _status = Warming;
    private double? _readyAfterMs;

    /// <summary>Completes when the warm-up has finished (or is disabled).</summary>
    public Task WhenReady => _ready.Task;

    public KpiReadinessReport Report()
    {
        lock (_lock)
        {
            return new KpiReadinessReport(_status, _readyAfterMs, [.. _engines]);
        }
    }

    internal void Plan(IEnumerable<string> engines)
    {
        lock (_lock)
        {
            _engines.Clear();
            _engines.AddRange(engines.Select(e => new EngineWarmUp(e, "pending", null)));
        }
    }

    internal void Set(EngineWarmUp engine)
    {
        lock (_lock)
        {
            var index = _engines.FindIndex(e => e.Engine == engine.Engine);
            if (index < 0)
            {
                _engines.Add(engine);
            }
            else
            {
                _engines[index] = engine;
            }
        }
    }

    internal void Finish(string status)
    {
        lock (_lock)
        {
            _status = status;
            _readyAfterMs = status == Ready ? Math.Round(SinceProcessStart().TotalMilliseconds, 0) : null;
        }

        _ready.TrySetResult();
    }

    private static TimeSpan SinceProcessStart()
    {
        using var process = Process.GetCurrentProcess();
        return DateTime.Now - process.StartTime;
    }
}
