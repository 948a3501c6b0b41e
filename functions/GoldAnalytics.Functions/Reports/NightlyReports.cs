using GoldAnalytics.Data.Reports;
using GoldAnalytics.Domain.Kpis.Periods;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Runtime.Timers;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Functions.Reports;

/// <summary>What the nightly run is asked to do.</summary>
public sealed record ReportRun(bool FullRebuild);

/// <summary>A batch of periods of one grain, as it travels between the orchestration and its activities.</summary>
public sealed record PeriodBatchWork(PeriodGrain Grain, IReadOnlyList<DateOnly> Starts);

/// <summary>
/// Every night a timer starts an orchestration that brings the rollups up to date, finds the periods
/// whose days changed (late sales, corrected invoices, imports of old data) and fans out one activity
/// per batch of periods, stage by stage: days, then weeks and months, then quarters and years.
/// </summary>
public sealed class NightlyReports(PeriodReports reports, ILogger<NightlyReports> logger)
{
    public const string Orchestration = "PeriodReportsOrchestration";

    // 02:30 in the host's time zone, after the shops have closed their day; one instance per night.
    [Function("NightlyPeriodReports")]
    public async Task<string> StartAsync([TimerTrigger("0 30 2 * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var id = await client.ScheduleNewOrchestrationInstanceAsync(Orchestration, new ReportRun(FullRebuild: false),
            new StartOrchestrationOptions { InstanceId = $"period-reports-{DateTime.UtcNow:yyyyMMdd}" }, cancellationToken);
        logger.LogInformation("Started {Orchestration} {Id} (past due: {PastDue})", Orchestration, id, timer.IsPastDue);
        return id;
    }

    [Function(Orchestration)]
    public static async Task<int> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var run = context.GetInput<ReportRun>() ?? new ReportRun(false);
        var stages = await context.CallActivityAsync<List<List<PeriodBatchWork>>>("PlanPeriodReports", run);
        foreach (var stage in stages)
        {
            await Task.WhenAll(stage.Select(batch => context.CallActivityAsync("RecomputePeriodBatch", batch)));
        }

        return stages.Sum(stage => stage.Sum(batch => batch.Starts.Count));
    }

    [Function("PlanPeriodReports")]
    public async Task<List<List<PeriodBatchWork>>> PlanAsync([ActivityTrigger] ReportRun run, CancellationToken cancellationToken)
    {
        var periods = run.FullRebuild ? await reports.PrepareFullRebuildAsync(cancellationToken) : await reports.PrepareAsync(cancellationToken);
        return [.. PeriodBatch.Stages(periods).Select(stage => stage.Select(b => new PeriodBatchWork(b.Grain, b.Starts)).ToList())];
    }

    [Function("RecomputePeriodBatch")]
    public Task RecomputeAsync([ActivityTrigger] PeriodBatchWork batch, CancellationToken cancellationToken) =>
        reports.RecomputeAsync(new PeriodBatch(batch.Grain, batch.Starts), cancellationToken);
}
