using GoldAnalytics.Domain.Forecasting.Reconciliation;
using GoldAnalytics.Domain.Forecasting.Selection;
using MathNet.Numerics.LinearAlgebra;

namespace GoldAnalytics.Data.Forecasting;

/// <summary>A node's weekly history and its chosen model's back-test errors (null when it has none).</summary>
public sealed record NodeErrors(double[] History, double[]? Errors);

/// <summary>
/// The forecast errors MinT estimates its covariance from: every node's back-test errors (actual − forecast at each
/// step from each origin), aligned on the weeks they were made for. Every history of a run ends in the same week, so a
/// node with the full history's back-test layout has its errors in the same weeks as the shop's. A node without them
/// (a series too new or too quiet to back-test, or one whose models failed) gets its naive one-step errors in those
/// weeks, zero before its first sale.
/// </summary>
public static class BacktestErrorMatrix
{
    /// <summary>Nodes × error weeks, rows in <see cref="Hierarchy.Nodes"/> order, and how many rows fell back to naive errors; null when there are fewer than two weeks.</summary>
    public static (Matrix<double> Errors, int NaiveRows)? Build(Hierarchy hierarchy, IReadOnlyList<NodeErrors?> nodes, int horizon, int seasonalPeriod)
    {
        var longest = nodes.Max(n => n?.History.Length ?? 0);
        var layout = Layout(longest, horizon, seasonalPeriod);
        if (layout.Length < 2)
        {
            return null;
        }

        var errors = Matrix<double>.Build.Dense(hierarchy.Nodes.Count, layout.Length);
        var naive = 0;
        for (var row = 0; row < nodes.Count; row++)
        {
            var node = nodes[row];
            var own = node is { Errors: { } e } && e.Length == layout.Length && Layout(node.History.Length, horizon, seasonalPeriod).SequenceEqual(layout) ? e : null;
            naive += own is null ? 1 : 0;
            for (var i = 0; i < layout.Length; i++)
            {
                errors[row, i] = own?[i] ?? NaiveError(node?.History ?? [], layout[i]);
            }
        }

        return (errors, naive);
    }

    // Weeks before the end (1 = the last week) of every back-test error, in the order the back-test lists them.
    private static int[] Layout(int length, int horizon, int seasonalPeriod) =>
        [.. new Backtest().Cuts(length, horizon, seasonalPeriod).SelectMany(cut => Enumerable.Range(0, Math.Min(horizon, length - cut)).Select(step => length - cut - step))];

    private static double NaiveError(double[] history, int weeksBeforeEnd)
    {
        var t = history.Length - weeksBeforeEnd;
        return t < 0 ? 0 : history[t] - (t > 0 ? history[t - 1] : 0);
    }
}
