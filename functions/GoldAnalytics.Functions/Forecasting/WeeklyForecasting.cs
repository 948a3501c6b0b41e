using GoldAnalytics.Data.Forecasting;
using GoldAnalytics.Data.Stock;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Runtime.Timers;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Functions.Forecasting;

/// <summary>What a forecast run is asked to do; every field has a default (latest sales day, 13 weeks, MinT-shrink, 40 series a batch).</summary>
public sealed record ForecastRunInput(DateOnly? AsOf = null, int Horizon = ForecastRunRequest.DefaultHorizon, string Reconciliation = ReconciliationMethods.Default, int BatchSize = ForecastRunRequest.DefaultBatchSize);

/// <summary>The last step's input: the run with what reconciliation and recommendation reported.</summary>
public sealed record CompleteForecastRun(long RunId, CoherenceCheck Coherence, RecommendationSummary Recommendations);

/// <summary>Why a run failed, for its row.</summary>
public sealed record FailForecastRun(string InstanceId, string Reason);

/// <summary>
/// Every Monday a timer starts an orchestration that plans the run (weekly demand of every series, in batches), fans
/// out one activity per batch (automatic model selection by back-test, base forecasts stored), reconciles all
/// forecasts so they add up, recommends stock per SKU × branch (replaying the last year through each policy), and
/// closes the run with its summary. Activities are idempotent, so retries and host crashes leave the same rows.
/// </summary>
public sealed class WeeklyForecasting(
    ForecastRuns runs, ForecastBatches batches, ForecastReconciliation reconciliation, StockRecommender recommender,
    ForecastRunSummaries summaries, ILogger<WeeklyForecasting> logger)
{
    public const string Orchestration = "DemandForecastOrchestration";

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5), backoffCoefficient: 2));

    // Mondays 03:30 in the host's time zone: the week just closed, after the nightly reports (02:30). One instance per week.
    [Function("WeeklyDemandForecast")]
    public async Task<string> StartAsync([TimerTrigger("0 30 3 * * 1")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var id = await client.ScheduleNewOrchestrationInstanceAsync(Orchestration, new ForecastRunInput(),
            new StartOrchestrationOptions { InstanceId = $"demand-forecast-{DateTime.UtcNow:yyyyMMdd}" }, cancellationToken);
        logger.LogInformation("Started {Orchestration} {Id} (past due: {PastDue})", Orchestration, id, timer.IsPastDue);
        return id;
    }

    [Function(Orchestration)]
    public static async Task<ForecastRunSummary> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<ForecastRunInput>() ?? new ForecastRunInput();
        try
        {
            var plan = await context.CallActivityAsync<ForecastPlan>("PlanForecastRun",
                new ForecastRunRequest(context.InstanceId, input.AsOf, input.Horizon, input.Reconciliation, input.BatchSize), Retry);
            context.SetCustomStatus(new { stage = "forecasting", plan.RunId, plan.Series, plan.Batches });
            await Task.WhenAll(Enumerable.Range(0, plan.Batches).Select(b =>
                context.CallActivityAsync<ForecastBatchResult>("ForecastSeriesBatch", new ForecastBatchWork(plan.RunId, b), Retry)));
            context.SetCustomStatus(new { stage = "reconciling", plan.RunId });
            var coherence = await context.CallActivityAsync<CoherenceCheck>("ReconcileForecasts", plan.RunId, Retry);
            context.SetCustomStatus(new { stage = "recommending", plan.RunId });
            var recommendations = await context.CallActivityAsync<RecommendationSummary>("RecommendStock", plan.RunId, Retry);
            var summary = await context.CallActivityAsync<ForecastRunSummary>("CompleteForecastRun", new CompleteForecastRun(plan.RunId, coherence, recommendations), Retry);
            context.SetCustomStatus(new { stage = "completed", plan.RunId });
            return summary;
        }
        catch (TaskFailedException e)
        {
            await context.CallActivityAsync("FailForecastRun", new FailForecastRun(context.InstanceId, e.Message), Retry);
            throw;
        }
    }

    [Function("PlanForecastRun")]
    public Task<ForecastPlan> PlanAsync([ActivityTrigger] ForecastRunRequest request, CancellationToken cancellationToken) =>
        runs.PlanAsync(request, cancellationToken);

    [Function("ForecastSeriesBatch")]
    public Task<ForecastBatchResult> ForecastBatchAsync([ActivityTrigger] ForecastBatchWork work, CancellationToken cancellationToken) =>
        batches.ForecastAsync(work, cancellationToken);

    [Function("ReconcileForecasts")]
    public Task<CoherenceCheck> ReconcileAsync([ActivityTrigger] long runId, CancellationToken cancellationToken) =>
        reconciliation.ReconcileAsync(runId, cancellationToken);

    [Function("RecommendStock")]
    public Task<RecommendationSummary> RecommendAsync([ActivityTrigger] long runId, CancellationToken cancellationToken) =>
        recommender.RecommendAsync(runId, cancellationToken);

    [Function("CompleteForecastRun")]
    public async Task<ForecastRunSummary> CompleteAsync([ActivityTrigger] CompleteForecastRun work, CancellationToken cancellationToken)
    {
        var summary = await summaries.SummariseAsync(work.RunId, work.Coherence, work.Recommendations, cancellationToken);
        await runs.CompleteAsync(work.RunId, summary, cancellationToken);
        return summary;
    }

    [Function("FailForecastRun")]
    public Task FailAsync([ActivityTrigger] FailForecastRun work, CancellationToken cancellationToken) =>
        runs.FailAsync(work.InstanceId, work.Reason, cancellationToken);
}
