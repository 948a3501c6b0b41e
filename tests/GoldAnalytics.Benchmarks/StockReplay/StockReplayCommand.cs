using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GoldAnalytics.Data.DemoData;
using GoldAnalytics.Data.DemoData.Loading;
using GoldAnalytics.Data.Forecasting;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Data.Stock;
using GoldAnalytics.Domain.Stock.Simulation;
using Npgsql;

namespace GoldAnalytics.Benchmarks.StockReplay;

/// <summary>
/// goldanalytics-bench stock-replay: one full forecast run on a demo shop (the same steps the weekly orchestration
/// runs, batches in parallel), timed per step, then the last 52 weeks of each SKU × branch replayed through its
/// recommended (s, Q) policy: achieved fill rate and average stock against the target service level. First, the runs
/// the weekly job would have made every 13 weeks through those 52 weeks, whose policies the rolling replay puts in
/// force one after the other, as the shop would have run them.
/// </summary>
public static class StockReplayCommand
{
    public static Command Create()
    {
        var connection = new Option<string>("--connection") { Description = "A shop database (the run is stored in it)", Required = true };
        var load = new Option<int?>("--load-demo") { Description = "Migrate and load the demo shop at this scale first, if the database has no invoices yet" };
        var parallelism = new Option<int>("--parallelism") { Description = "Batches forecast at once", DefaultValueFactory = _ => 2 };
        var reconciliation = new Option<string>("--reconciliation") { DefaultValueFactory = _ => ReconciliationMethods.MinTShrink };
        var origins = new Option<int>("--rolling-origins")
        {
            Description = $"Past runs every {OriginWeeks} weeks through the replayed year whose policies the rolling replay puts in force (0: none)",
            DefaultValueFactory = _ => StockRecommender.ReplayWeeks / OriginWeeks,
        };
        var command = new Command("stock-replay", "Forecast run on a demo shop (timed) and the policy replay: achieved fill rate and stock against the target")
        {
            connection, load, parallelism, reconciliation, origins,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(connection)!, parse.GetValue(load), parse.GetValue(parallelism), parse.GetValue(reconciliation)!, parse.GetValue(origins), ct));
        return command;
    }

    // The weekly run forecasts 13 weeks: a policy is re-sized on a fresh forecast at least that often.
    private const int OriginWeeks = ForecastRunRequest.DefaultHorizon;

    private static async Task<int> RunAsync(string connection, int? scale, int parallelism, string reconciliation, int origins, CancellationToken cancellationToken)
    {
        if (scale is { } s)
        {
            await new Migrator(connection).MigrateAsync([MigrationSet.Shop], cancellationToken);
            var loaded = await new DemoLoader(connection).LoadIfNoInvoicesAsync(DemoProfile.Default(scale: s), cancellationToken: cancellationToken);
            Console.WriteLine(loaded is null ? "demo shop already loaded" : $"loaded the demo shop at scale {s}: {loaded.RowsPerTable["invoice_lines"]:N0} invoice lines");
        }

        await using var dataSource = NpgsqlDataSource.Create(connection);
        var rollups = new KpiRollups(dataSource);
        var past = await PastRunsAsync(dataSource, rollups, origins, parallelism, reconciliation, cancellationToken);
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var steps = new List<(string Step, TimeSpan Elapsed)>();
        var plan = await new ForecastRuns(dataSource, rollups).PlanAsync(new ForecastRunRequest($"bench-{Guid.NewGuid():N}", Reconciliation: reconciliation), cancellationToken);
        steps.Add(("plan (weekly demand of every series)", clock.Elapsed));
        var batches = new ForecastBatches(dataSource);
        var failed = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Batches), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (b, ct) =>
            Interlocked.Add(ref failed, (await batches.ForecastAsync(new ForecastBatchWork(plan.RunId, b), ct)).Failed));
        steps.Add(($"forecast {plan.Series} series in {plan.Batches} batches", clock.Elapsed));
        var coherence = await new ForecastReconciliation(dataSource).ReconcileAsync(plan.RunId, cancellationToken);
        steps.Add(($"reconcile ({reconciliation})", clock.Elapsed));
        var recommendations = await new StockRecommender(dataSource).RecommendAsync(plan.RunId, cancellationToken);
        steps.Add(("recommend and replay", clock.Elapsed));
        var summary = await new ForecastRunSummaries(dataSource).SummariseAsync(plan.RunId, coherence, recommendations, cancellationToken);
        await new ForecastRuns(dataSource, rollups).CompleteAsync(plan.RunId, summary, cancellationToken);
        steps.Add(("summary and store", clock.Elapsed));
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        Console.WriteLine($"run {plan.RunId}: history to {plan.AsOf:yyyy-MM-dd} (last full week {plan.LastWeek:yyyy-MM-dd}), {plan.Series} series, {failed} failed, parallelism {parallelism}");
        var previous = TimeSpan.Zero;
        foreach (var (step, at) in steps)
        {
            Console.WriteLine($"  {step,-45} {(at - previous).TotalSeconds,7:F1} s");
            previous = at;
        }

        Console.WriteLine($"  {"total",-45} {clock.Elapsed.TotalSeconds,7:F1} s wall, {cpuUsed.TotalSeconds:F1} s CPU, {Environment.ProcessorCount} processors");
        Console.WriteLine($"coherence: largest gap node vs sum of its SKU × branch series {coherence.MaxGapBefore:F3} before, {coherence.MaxGapAfter:E1} after reconciliation");
        foreach (var level in summary.Levels)
        {
            Console.WriteLine($"  {level.Level,-11} {level.Series,5} series, mean MASE {Format(level.MeanMase)}, median MASE {Format(level.MedianMase)}, mean sMAPE {Format(level.MeanSmape)}; "
                + string.Join(", ", level.Models.Take(4).Select(m => $"{m.Key} {m.Value}")));
        }

        Console.WriteLine($"recommendations: {string.Join(", ", recommendations.ByAction.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} {a.Value}"))}");
        Console.WriteLine($"policy replay: last {StockRecommender.ReplayWeeks} weeks of each SKU × branch through its recommended (s, Q) policy (fill-rate target = the product's service level)");
        Print(recommendations.Replay);
        if (recommendations.ReplayAtPastDemandLevel is { } pastLevel)
        {
            Console.WriteLine("the same replay with each policy sized on the replayed weeks' mean demand instead of the coming weeks' forecast (same calculation: EOQ, forecast-error variability, lead time, service target)");
            Print(pastLevel);
        }
        if (past.Count > 0)
        {
            var rolling = RollingOriginReplay.Run(await new StockRecommender(dataSource).PoliciesAsync(plan.RunId, cancellationToken), past);
            Console.WriteLine($"the same weeks replayed as the shop would have run them: the policy of the run made {OriginWeeks * past.Count} weeks before the end of its history, "
                + $"re-sized every {OriginWeeks} weeks by the run made then (from that day's data only; stock carried over)");
            Print(rolling);
        }
        return 0;
    }

    // The runs the shop would have made at the start of each 13-week block of the replayed year, oldest first.
    private static async Task<List<PolicyOrigin>> PastRunsAsync(
        NpgsqlDataSource dataSource, KpiRollups rollups, int origins, int parallelism, string reconciliation, CancellationToken cancellationToken)
    {
        var past = new List<PolicyOrigin>();
        if (origins <= 0)
        {
            return past;
        }
        var runs = new ForecastRuns(dataSource, rollups);
        var latest = await runs.LatestSalesDayAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        for (var k = Math.Max(0, StockRecommender.ReplayWeeks / OriginWeeks - origins); k < StockRecommender.ReplayWeeks / OriginWeeks; k++)
        {
            var fromWeek = k * OriginWeeks;
            var asOf = latest.AddDays(-7 * (StockRecommender.ReplayWeeks - fromWeek));
            var plan = await runs.PlanAsync(new ForecastRunRequest($"bench-origin-{Guid.NewGuid():N}", asOf, Reconciliation: reconciliation), cancellationToken);
            var batches = new ForecastBatches(dataSource);
            await Parallel.ForEachAsync(Enumerable.Range(0, plan.Batches), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (b, ct) =>
                await batches.ForecastAsync(new ForecastBatchWork(plan.RunId, b), ct));
            var coherence = await new ForecastReconciliation(dataSource).ReconcileAsync(plan.RunId, cancellationToken);
            var recommendations = await new StockRecommender(dataSource).RecommendAsync(plan.RunId, cancellationToken);
            await runs.CompleteAsync(plan.RunId, await new ForecastRunSummaries(dataSource).SummariseAsync(plan.RunId, coherence, recommendations, cancellationToken), cancellationToken);
            past.Add(new PolicyOrigin(fromWeek, await new StockRecommender(dataSource).PoliciesAsync(plan.RunId, cancellationToken)));
            Console.WriteLine($"past run {plan.RunId} as of {asOf:yyyy-MM-dd} (last full week {plan.LastWeek:yyyy-MM-dd}): policies in force from replayed week {fromWeek}");
        }
        Console.WriteLine($"{past.Count} past runs for the rolling replay: {clock.Elapsed.TotalSeconds:F1} s");
        return past;
    }

    private static void Print(ReplayReport replay)
    {
        Console.WriteLine("| target group | series | demand (units) | target fill rate | predicted by the policies' formulas | achieved fill rate | gap (points) | mean per-series fill rate | average stock (units) | weeks of stock | orders |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in replay.Groups.Append(replay.Overall))
        {
            var predicted = row.PredictedFillRate is { } p ? string.Create(CultureInfo.InvariantCulture, $"{100 * p:F2} %") : "-";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Group} | {row.Series} | {row.Demand:F0} | {100 * row.TargetFillRate:F2} % | {predicted} | {100 * row.AchievedFillRate:F2} % | {row.GapPoints:+0.00;-0.00} | {100 * row.MeanSeriesFillRate:F2} % | {row.AverageOnHand:F0} | {row.WeeksOfStock:F1} | {row.Orders:F0} |"));
        }
    }

    private static string Format(double? value) => value is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "-";
}
