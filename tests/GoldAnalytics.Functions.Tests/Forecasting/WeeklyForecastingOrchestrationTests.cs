using System.Collections.Concurrent;
using GoldAnalytics.Data.Forecasting;
using GoldAnalytics.Data.Stock;
using GoldAnalytics.Domain.Stock.Simulation;
using GoldAnalytics.Functions.Forecasting;
using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Runtime.Durable.Testing;

namespace GoldAnalytics.Functions.Tests.Forecasting;

public class WeeklyForecastingOrchestrationTests
{
    private static readonly RecommendationSummary NoRecommendations = new(0, new Dictionary<string, int>(), new ReplayReport(new ReplayTotals("all", 0, 0, 0, 1, 1, 0, 0), []));

    [Fact]
    public async Task Every_batch_is_forecast_before_the_run_is_reconciled_recommended_and_completed()
    {
        var steps = new ConcurrentQueue<string>();
        ForecastRunRequest? planned = null;
        var harness = Harness(steps, failingBatch: null, request => planned = request);
        var id = harness.Start(WeeklyForecasting.Orchestration, new ForecastRunInput(Horizon: 8, Reconciliation: "ols"));

        var done = await harness.RunToCompletionAsync(id);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        planned.Should().Be(new ForecastRunRequest(id, null, 8, "ols", ForecastRunRequest.DefaultBatchSize));
        var order = steps.ToList();
        order.Take(3).Should().BeEquivalentTo(["batch 0", "batch 1", "batch 2"]);
        order.Skip(3).Should().Equal("reconcile 7", "recommend 7", "complete 7");
        done.ReadOutputAs<ForecastRunSummary>()!.RunId.Should().Be(7);
    }

    [Fact]
    public async Task A_batch_that_fails_on_every_retry_fails_the_run_and_marks_it_failed()
    {
        var steps = new ConcurrentQueue<string>();
        var harness = Harness(steps, failingBatch: 1, _ => { });
        var id = harness.Start(WeeklyForecasting.Orchestration, new ForecastRunInput());

        var done = await harness.RunToCompletionAsync(id);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        steps.Count(s => s == "batch 1").Should().Be(3, "the batch is tried three times");
        steps.Should().NotContain(s => s.StartsWith("reconcile", StringComparison.Ordinal)).And.Contain($"fail {id}");
    }

    private static DurableTestHarness Harness(ConcurrentQueue<string> steps, int? failingBatch, Action<ForecastRunRequest> onPlan) =>
        DurableTestHarness.ForFunctions(typeof(WeeklyForecasting).Assembly)
            .WithActivity<ForecastRunRequest, ForecastPlan>("PlanForecastRun", request =>
            {
                onPlan(request);
                return new ForecastPlan(7, 120, 3, new DateOnly(2026, 10, 31), new DateOnly(2026, 10, 19));
            })
            .WithActivity<ForecastBatchWork, ForecastBatchResult>("ForecastSeriesBatch", work =>
            {
                steps.Enqueue($"batch {work.Batch}");
                return work.Batch == failingBatch ? throw new InvalidOperationException("database gone") : new ForecastBatchResult(40, 0);
            })
            .WithActivity<long, CoherenceCheck>("ReconcileForecasts", run =>
            {
                steps.Enqueue($"reconcile {run}");
                return new CoherenceCheck("ols", 10, 6, 3.5, 0, 0, 0);
            })
            .WithActivity<long, RecommendationSummary>("RecommendStock", run =>
            {
                steps.Enqueue($"recommend {run}");
                return NoRecommendations;
            })
            .WithActivity<CompleteForecastRun, ForecastRunSummary>("CompleteForecastRun", work =>
            {
                steps.Enqueue($"complete {work.RunId}");
                return new ForecastRunSummary(work.RunId, new DateOnly(2026, 10, 31), 120, [], work.Coherence, work.Recommendations);
            })
            .WithActivity<FailForecastRun, bool>("FailForecastRun", work =>
            {
                steps.Enqueue($"fail {work.InstanceId}");
                return true;
            });
}
