using System.CommandLine;
using GoldAnalytics.Domain.Forecasting.Accuracy;
using GoldAnalytics.Domain.Forecasting.Models;
using GoldAnalytics.Domain.Forecasting.Reconciliation;
using GoldAnalytics.Domain.Forecasting.Selection;
using MathNet.Numerics.LinearAlgebra;

namespace GoldAnalytics.Benchmarks.Forecasting;

/// <summary>
/// goldanalytics-bench forecast-reconciliation: on a synthetic shop (categories × SKUs × branches, weekly sales with a
/// category season and festival peaks) every node is forecast on its own, then reconciled; MASE per level on a
/// 13-week hold-out shows which reconciliation helps. MinT-shrink estimates its covariance from every node's errors at
/// two back-test origins (13 steps each), as the weekly run does.
/// </summary>
public static class ReconciliationCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Base model for every node", DefaultValueFactory = _ => "Theta" };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 11 };
        var command = new Command("forecast-reconciliation", "MASE per hierarchy level of base, bottom-up, OLS, structural WLS and MinT-shrink forecasts on a synthetic shop") { model, seed };
        command.SetAction(parse => Run(parse.GetValue(model)!, parse.GetValue(seed)));
        return command;
    }

    private static int Run(string modelName, int seed)
    {
        const int weeks = 156, horizon = 13, period = 52;
        var (bottom, sales) = SyntheticShop(weeks + horizon, seed);
        var hierarchy = Hierarchy.Of(bottom);
        var all = hierarchy.Aggregate(sales);
        var model = ModelCatalogue.All[modelName];
        var baseForecasts = Matrix<double>.Build.Dense(all.RowCount, horizon);
        // MinT's covariance comes from each node's errors at the back-test origins of the weekly run (the same weeks for every node).
        var cuts = new Backtest().Cuts(weeks, horizon, period);
        var errors = new double[all.RowCount][];
        Parallel.For(0, all.RowCount, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var history = new SeriesInput(all.Row(i).SubVector(0, weeks).ToArray(), period);
            var outcome = model.Forecast(history, horizon, []);
            var point = outcome.Forecast?.Point ?? NaiveModel(history.ToArray(), horizon);
            baseForecasts.SetRow(i, [.. point]);
            var backtest = Backtest.Run(model, history, cuts, horizon);
            errors[i] = backtest.All(f => f is not null) ? Backtest.Errors(history, cuts, backtest) : Backtest.Errors(history, cuts, Backtest.Run(Domain.Forecasting.Baselines.NaiveModel.Naive, history, cuts, horizon));
        });
        var methods = new Dictionary<string, Matrix<double>>
        {
            ["base (incoherent)"] = baseForecasts,
            ["bottom-up"] = Reconciler.Reconcile(hierarchy, baseForecasts, ReconciliationMethod.BottomUp),
            ["OLS"] = Reconciler.Reconcile(hierarchy, baseForecasts, ReconciliationMethod.Ols),
            ["WLS structural"] = Reconciler.Reconcile(hierarchy, baseForecasts, ReconciliationMethod.WlsStructural),
            ["MinT-shrink (back-test errors)"] = Reconciler.Reconcile(hierarchy, baseForecasts, ReconciliationMethod.MinTShrink, Matrix<double>.Build.DenseOfRowArrays(errors)),
        };
        Console.WriteLine($"{bottom.Count} SKU × branch series, {hierarchy.Nodes.Count} nodes, {weeks} weeks of history, {horizon}-week hold-out, base model {model.Name}, seed {seed}");
        Console.WriteLine($"| method | {string.Join(" | ", Enum.GetNames<HierarchyLevel>())} |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (name, forecasts) in methods)
        {
            var cells = Enum.GetValues<HierarchyLevel>().Select(level =>
            {
                var rows = Enumerable.Range(0, hierarchy.Nodes.Count).Where(i => hierarchy.Nodes[i].Level == level).ToList();
                var mase = rows.Select(i => ErrorMeasures.Mase(
                    [.. all.Row(i).SubVector(0, weeks)], period,
                    [.. all.Row(i).SubVector(weeks, horizon)],
                    [.. forecasts.Row(i)])).Where(double.IsFinite).Average();
                return mase.ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
            });
            Console.WriteLine($"| {name} | {string.Join(" | ", cells)} |");
        }
        return 0;
    }

    private static double[] NaiveModel(double[] history, int horizon) => [.. Enumerable.Repeat(history[^1], horizon)];

    // Four categories with their own season, 12 SKUs each with a level, 3 branches with a size factor; Poisson sales.
    private static (List<BottomSeries> Bottom, Matrix<double> Sales) SyntheticShop(int weeks, int seed)
    {
        var random = new Random(seed);
        string[] categories = ["Ring", "Necklace", "Bangle", "Earring"];
        string[] branches = ["Deira", "Karama", "Sharjah"];
        double[] branchSize = [1.0, 0.6, 0.35];
        var bottom = new List<BottomSeries>();
        var rows = new List<double[]>();
        foreach (var category in categories)
        {
            var phase = random.NextDouble() * 2 * Math.PI;
            var amplitude = 0.2 + 0.4 * random.NextDouble();
            for (var s = 0; s < 12; s++)
            {
                var sku = $"{category[..1]}-{s + 1:D2}";
                var level = 0.3 + 6 * random.NextDouble() * random.NextDouble();
                var trend = (random.NextDouble() - 0.5) * 0.004;
                for (var b = 0; b < branches.Length; b++)
                {
                    bottom.Add(new BottomSeries(sku, category, branches[b]));
                    rows.Add([.. Enumerable.Range(0, weeks).Select(t =>
                    {
                        var festival = t % 52 is 43 or 44 ? 1.8 : 1.0;
                        var mean = level * branchSize[b] * (1 + trend * t) * (1 + amplitude * Math.Sin(2 * Math.PI * t / 52 + phase)) * festival;
                        return (double)Poisson(random, Math.Max(mean, 0.01));
                    })]);
                }
            }
        }
        return (bottom, Matrix<double>.Build.DenseOfRowArrays(rows));
    }

    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = 1.0;
        do
        {
            k++;
            p *= random.NextDouble();
        }
        while (p > limit);
        return k - 1;
    }
}
