using System.Diagnostics;
using GoldAnalytics.Data.Insights;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using GoldAnalytics.Domain.Kpis.Trends;

namespace GoldAnalytics.Functions.Kpis.WarmUp;

/// <summary>
/// Fills the KPI engines in the background when the host starts (after the migrations, which start
/// before it), so the first dashboard page does not pay for it. It asks the engines' public API for
/// what the dashboard opens on (the last 30 days to the shop's today, no filter): a request that
/// arrives meanwhile waits on the same engine lock and then finds the same cache filled, and every
/// answer still goes through the freshness gate, so warming never serves an older number. A failed
/// engine is logged and left to fill on its first request; the host never stops over it.
/// </summary>
public sealed partial class KpiWarmUp(
    KpiWarmUpOptions options,
    KpiReadiness readiness,
    FinancialKpiEngine financial,
    InventoryKpiEngine inventory,
    CustomerKpiEngine customers,
    BusinessQuestions questions,
    TimeProvider clock,
    ILogger<KpiWarmUp> logger) : BackgroundService
{
    /// <summary>
    /// The engines in the order they are filled, in stages: the overview's three together (the financial and
    /// inventory fills take turns on the data gate's lock while the customer ledger loads beside them), then
    /// the overview's charts, then the other pages' heavier engines one by one, so they do not compete with
    /// a first page for the two cores.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<(string Engine, Func<CancellationToken, Task> Fill)>> Stages(DateRange range) =>
    [
        [
            ("financial", ct => financial.KpisAsync(KpiFilter.All, range, StatusThresholds.Default, ct)),
            ("inventory", ct => inventory.KpisAsync(KpiFilter.All, range, InventorySettings.Default, ct)),
            ("customers", ct => customers.KpisAsync(null, range, StatusThresholds.Default, ct)),
        ],
        [
            ("overview-insights", async ct =>
            {
                await questions.BranchPerformanceAsync(KpiFilter.All, range, ct);
                await questions.ProductLinesAsync(KpiFilter.All, range, new PageRequest(1, 20), ct);
            }),
        ],
        [("customer-mix", ct => customers.ReadWithMixAsync(_ => true, ct))],
        [("bought-together", ct => questions.BoughtTogetherAsync(KpiFilter.All, range, 0.001m, new PageRequest(1, 15), ct))],
    ];

    /// <summary>The range the dashboard opens on: the last 30 days to the shop's today.</summary>
    public DateRange DefaultRange()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), options.ShopTimeZone).DateTime);
        return new DateRange(today.AddDays(1 - KpiWarmUpOptions.DefaultRangeDays), today);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            readiness.Finish(KpiReadiness.Disabled);
            return;
        }

        // Host start continues (the server starts listening) while the engines fill.
        await Task.Yield();
        var range = DefaultRange();
        var stages = Stages(range);
        readiness.Plan(stages.SelectMany(stage => stage.Select(e => e.Engine)));
        LogStarting(range.From, range.To);
        var started = Stopwatch.GetTimestamp();
        foreach (var stage in stages)
        {
            var warmed = await Task.WhenAll(stage.Select(e => WarmAsync(e.Engine, e.Fill, stoppingToken)));
            if (warmed.Contains(false))
            {
                return;
            }
        }

        readiness.Finish(KpiReadiness.Ready);
        LogReady(Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds), readiness.Report().ReadyAfterMs ?? 0);
    }

    // False when the host is stopping: the warm-up ends without marking anything ready.
    private async Task<bool> WarmAsync(string engine, Func<CancellationToken, Task> fill, CancellationToken stoppingToken)
    {
        readiness.Set(new EngineWarmUp(engine, "warming", null));
        var started = Stopwatch.GetTimestamp();
        try
        {
            await fill(stoppingToken);
            var ms = Milliseconds(started);
            readiness.Set(new EngineWarmUp(engine, "ready", ms));
            LogWarmed(engine, ms);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            readiness.Set(new EngineWarmUp(engine, "cancelled", Milliseconds(started)));
            LogCancelled(engine);
            return false;
        }
#pragma warning disable CA1031 // a warm-up failure must never stop the host: the engine fills on its first request instead
        catch (Exception e)
#pragma warning restore CA1031
        {
            var ms = Milliseconds(started);
            readiness.Set(new EngineWarmUp(engine, "failed", ms, e.GetType().Name));
            LogFailed(e, engine, ms);
        }

        return true;
    }

    private static double Milliseconds(long started) => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);

    [LoggerMessage(Level = LogLevel.Information, Message = "Warming the KPI engines for {From} to {To}")]
    private partial void LogStarting(DateOnly from, DateOnly to);

    [LoggerMessage(Level = LogLevel.Information, Message = "KPI engine {Engine} warm in {Milliseconds} ms")]
    private partial void LogWarmed(string engine, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "KPI engine {Engine} failed to warm after {Milliseconds} ms; it fills on its first request instead")]
    private partial void LogFailed(Exception exception, string engine, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "KPI warm-up stopped while warming {Engine}: the host is shutting down")]
    private partial void LogCancelled(string engine);

    [LoggerMessage(Level = LogLevel.Information, Message = "KPI engines ready: warm-up took {Milliseconds} ms, {ReadyAfterMs} ms after the process started")]
    private partial void LogReady(double milliseconds, double readyAfterMs);
}
