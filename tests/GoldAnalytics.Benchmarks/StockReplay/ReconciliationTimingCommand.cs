using System.CommandLine;
using System.Diagnostics;
using GoldAnalytics.Domain.Forecasting.Reconciliation;
using MathNet.Numerics.LinearAlgebra;

namespace GoldAnalytics.Benchmarks.StockReplay;

/// <summary>
/// goldanalytics-bench reconciliation-timing: OLS and structural WLS reconciliation of a demo-sized hierarchy (by
/// default 370 SKUs × 3 branches in 12 categories: 1,110 bottom series, 1,493 nodes, 13 weeks), timed against the
/// dense textbook projection S (S'W⁻¹S)⁻¹ S'W⁻¹ ŷ, with the largest difference between the two.
/// </summary>
public static class ReconciliationTimingCommand
{
    public static Command Create()
    {
        var skus = new Option<int>("--skus") { DefaultValueFactory = _ => 370 };
        var branches = new Option<int>("--branches") { DefaultValueFactory = _ => 3 };
        var categories = new Option<int>("--categories") { DefaultValueFactory = _ => 12 };
        var command = new Command("reconciliation-timing", "Wall and CPU time of OLS and structural WLS reconciliation against the dense projection") { skus, branches, categories };
        command.SetAction(parse => Run(parse.GetValue(skus), parse.GetValue(branches), parse.GetValue(categories)));
        return command;
    }

    private static int Run(int skus, int branches, int categories)
    {
        const int horizon = 13;
        var bottom = Enumerable.Range(0, skus)
            .SelectMany(s => Enumerable.Range(0, branches).Select(b => new BottomSeries($"SKU-{s:D4}", $"CAT-{s % categories:D2}", $"B{b}")))
            .ToList();
        var hierarchy = Hierarchy.Of(bottom);
        var random = new Random(3);
        var forecasts = Matrix<double>.Build.Dense(hierarchy.Nodes.Count, horizon, (_, _) => 10 * random.NextDouble());
        Console.WriteLine($"{bottom.Count} bottom series, {hierarchy.Nodes.Count} nodes, {horizon} weeks");
        Console.WriteLine("| method | reconciler wall (ms) | reconciler CPU (ms) | dense wall (ms) | dense CPU (ms) | max abs difference |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var method in new[] { ReconciliationMethod.Ols, ReconciliationMethod.WlsStructural })
        {
            var (reconciled, wall, cpu) = Timed(() => Reconciler.Reconcile(hierarchy, forecasts, method));
            var (dense, denseWall, denseCpu) = Timed(() => Dense(hierarchy.Summing, forecasts, method));
            var difference = (reconciled - dense).Enumerate().Max(Math.Abs);
            Console.WriteLine($"| {method} | {wall:F0} | {cpu:F0} | {denseWall:F0} | {denseCpu:F0} | {difference:E2} |");
        }
        return 0;
    }

    private static Matrix<double> Dense(Matrix<double> s, Matrix<double> forecasts, ReconciliationMethod method)
    {
        var precision = method == ReconciliationMethod.Ols
            ? Matrix<double>.Build.DenseIdentity(s.RowCount)
            : Matrix<double>.Build.DenseOfDiagonalVector(s.RowSums().Map(n => 1 / n));
        var weighted = s.TransposeThisAndMultiply(precision);
        return s * (weighted * s).Solve(weighted * forecasts);
    }

    private static (Matrix<double> Result, double WallMs, double CpuMs) Timed(Func<Matrix<double>> work)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = work();
        watch.Stop();
        process.Refresh();
        return (result, watch.Elapsed.TotalMilliseconds, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }
}
