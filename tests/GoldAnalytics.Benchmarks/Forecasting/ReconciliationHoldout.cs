using System.Diagnostics;
using Dapper;
using GoldAnalytics.Data.Forecasting;
using GoldAnalytics.Domain.Forecasting.Accuracy;
using Npgsql;

namespace GoldAnalytics.Benchmarks.Forecasting;

/// <summary>
/// The weekly run as it would have been made 13, 26, ... weeks before the demo shop's last full week (automatic selection
/// per series, every level), reconciled by each method in turn and scored per level against the 13 weeks that followed.
/// </summary>
public static class ReconciliationHoldout
{
    private const int Horizon = ForecastRunRequest.DefaultHorizon;

    private static readonly string[] Levels = [SeriesLevels.Shop, SeriesLevels.Category, SeriesLevels.Sku, SeriesLevels.SkuBranch];

    public static async Task RunAsync(NpgsqlDataSource dataSource, ForecastRuns runs, ForecastPlan latest, IReadOnlyList<StoredSeries> latestSeries, int parallelism, int origins, CancellationToken cancellationToken)
    {
        var methods = ReconciliationMethods.All.SelectMany(m => new[] { Kept(m), m }).Prepend("base (incoherent)").ToList();
        var scores = methods.ToDictionary(m => m, _ => new List<(string Level, double Mase)>());
        var notes = methods.ToDictionary(m => m, _ => new List<string>());
        for (var origin = 1; origin <= origins; origin++)
        {
            await OriginAsync(dataSource, runs, latest, latestSeries, parallelism, origin, scores, notes, cancellationToken);
        }

        Console.WriteLine($"mean MASE per level over the 13 weeks after each of {origins} runs (scaled by each series' in-sample seasonal naive error; series with a zero scale left out; count of series × origins in brackets)");
        Console.WriteLine($"| method | {string.Join(" | ", Levels)} | reconcile step |");
        Console.WriteLine($"|---|{string.Concat(Enumerable.Repeat("---|", Levels.Length + 1))}");
        foreach (var method in methods)
        {
            var byLevel = scores[method].GroupBy(x => x.Level).ToDictionary(g => g.Key, g => (Mase: g.Average(x => x.Mase), Count: g.Count()));
            Console.WriteLine($"| {method} | {string.Join(" | ", Levels.Select(l => byLevel.TryGetValue(l, out var v) ? $"{DemoHoldoutCommand.Format(v.Mase)} ({v.Count})" : "-"))} | {string.Join(" / ", notes[method])} |");
        }
    }

    private static async Task OriginAsync(NpgsqlDataSource dataSource, ForecastRuns runs, ForecastPlan latest, IReadOnlyList<StoredSeries> latestSeries, int parallelism, int origin,
        Dictionary<string, List<(string Level, double Mase)>> scores, Dictionary<string, List<string>> notes, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var plan = await runs.PlanAsync(new ForecastRunRequest($"bench-holdout-{Guid.NewGuid():N}", latest.AsOf.AddDays(-7 * Horizon * origin)), cancellationToken);
        if (plan.LastWeek.AddDays(7 * Horizon * origin) != latest.LastWeek)
        {
            throw new InvalidOperationException($"The earlier run ends {plan.LastWeek:yyyy-MM-dd}, not {Horizon * origin} weeks before {latest.LastWeek:yyyy-MM-dd}.");
        }

        var batches = new ForecastBatches(dataSource);
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Batches), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (b, ct) => await batches.ForecastAsync(new ForecastBatchWork(plan.RunId, b), ct));
        Console.WriteLine($"reconciliation comparison: run with history to {plan.AsOf:yyyy-MM-dd}, {plan.Series} series forecast in {clock.Elapsed.TotalSeconds:F0} s; "
            + $"scored on the weeks {plan.LastWeek.AddDays(7):yyyy-MM-dd} to {plan.LastWeek.AddDays(7 * Horizon):yyyy-MM-dd}");

        var (earlier, _) = await DemoHoldoutCommand.ReadAsync(dataSource, plan.RunId, cancellationToken);
        var history = earlier.ToDictionary(s => (s.Level, s.Key), s => s.History);
        var skip = Horizon * (origin - 1);
        var actual = latestSeries.Where(s => s.History.Length >= Horizon * origin)
            .ToDictionary(s => (s.Level, s.Key), s => s.History[(s.History.Length - Horizon * origin)..(s.History.Length - skip)]);
        scores["base (incoherent)"].AddRange(Score(await PointsAsync(dataSource, plan.RunId, "base", cancellationToken), history, actual));
        var reconciliation = new ForecastReconciliation(dataSource);
        Console.WriteLine($"negative base forecasts (forecast weeks) per level: {await NegativesAsync(dataSource, plan.RunId, "base", cancellationToken)}");
        foreach (var method in ReconciliationMethods.All)
        {
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            {
                await connection.ExecuteAsync(new CommandDefinition("UPDATE forecast_runs SET reconciliation = @method WHERE id = @id", new { method, id = plan.RunId }, cancellationToken: cancellationToken));
            }

            var kept = await reconciliation.ReconcileAsync(plan.RunId, nonNegative: false, cancellationToken);
            scores[Kept(method)].AddRange(Score(await PointsAsync(dataSource, plan.RunId, "forecast", cancellationToken), history, actual));
            Console.WriteLine($"{method} without the correction, negative forecast weeks per level: {await NegativesAsync(dataSource, plan.RunId, "forecast", cancellationToken)}; "
                + $"95 % lower bounds below zero: {await NegativesAsync(dataSource, plan.RunId, "lower_95", cancellationToken)}");

            var started = clock.Elapsed;
            var coherence = await reconciliation.ReconcileAsync(plan.RunId, cancellationToken);
            var took = clock.Elapsed - started;
            scores[method].AddRange(Score(await PointsAsync(dataSource, plan.RunId, "forecast", cancellationToken), history, actual));
            Console.WriteLine($"{method} with the correction: {coherence.NegativesCorrected} SKU × branch weeks set to zero (of {coherence.BottomSeries * Horizon}), "
                + $"{coherence.NegativeAggregates} negative aggregate weeks summed up again; negative forecast weeks now {await NegativesAsync(dataSource, plan.RunId, "forecast", cancellationToken)}, "
                + $"95 % lower bounds below zero now {await NegativesAsync(dataSource, plan.RunId, "lower_95", cancellationToken)}");
            notes[Kept(method)].Add($"gap after {kept.MaxGapAfter:E0}");
            notes[method].Add($"{took.TotalSeconds:F1} s, gap after {coherence.MaxGapAfter:E0}, {coherence.NegativesCorrected} set to 0{(coherence.Method != method ? $", used {coherence.Method}" : "")}{(coherence.Note is null ? "" : ", " + coherence.Note)}");
        }
    }

    private static string Kept(string method) => $"{method}, negatives kept";

    // Counts values below zero per level ("shop / category / SKU / SKU × branch"); the column is one of this class's constants, never input.
    private static async Task<string> NegativesAsync(NpgsqlDataSource dataSource, long runId, string column, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var counts = (await connection.QueryAsync<(string Level, int Count)>(new CommandDefinition(
            $"SELECT level, count(*) FILTER (WHERE {column} < 0)::int FROM forecast_points WHERE run_id = @runId GROUP BY level", new { runId }, cancellationToken: cancellationToken)))
            .ToDictionary(c => c.Level, c => c.Count);
        return string.Join(" / ", Levels.Select(l => counts.GetValueOrDefault(l)));
    }

    private static async Task<Dictionary<(string Level, string Key), double[]>> PointsAsync(NpgsqlDataSource dataSource, long runId, string column, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The column is one of two constants of this class, never input.
        var points = await connection.QueryAsync<(string Level, string Key, int Step, double Value)>(new CommandDefinition(
            $"SELECT level, series_key, step, {column} FROM forecast_points WHERE run_id = @runId AND {column} IS NOT NULL", new { runId }, cancellationToken: cancellationToken));
        return points.GroupBy(p => (p.Level, p.Key)).Where(g => g.Count() == Horizon)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.Step).Select(p => p.Value).ToArray());
    }

    private static IEnumerable<(string Level, double Mase)> Score(
        Dictionary<(string Level, string Key), double[]> forecasts, Dictionary<(string Level, string Key), double[]> history, Dictionary<(string Level, string Key), double[]> actual) =>
        forecasts.Where(f => history.ContainsKey(f.Key) && actual.ContainsKey(f.Key))
            .Select(f => (f.Key.Level, Mase: ErrorMeasures.Mase(history[f.Key], 52, actual[f.Key], f.Value)))
            .Where(x => double.IsFinite(x.Mase));
}
