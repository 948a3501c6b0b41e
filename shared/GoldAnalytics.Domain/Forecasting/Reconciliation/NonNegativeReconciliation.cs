using MathNet.Numerics.LinearAlgebra;

namespace GoldAnalytics.Domain.Forecasting.Reconciliation;

/// <summary>
/// Coherent forecasts with no negative value, and how many values were negative before the correction: SKU × branch
/// values (each one set to zero) and aggregate values (shop, category, SKU), counted over every node and week.
/// </summary>
public sealed record NonNegativeForecasts(Matrix<double> Forecasts, int CorrectedBottomValues, int NegativeAggregateValues);

/// <summary>
/// Demand is never negative, but OLS, WLS and MinT can reconcile a slow SKU × branch series below zero. The correction
/// sets every negative SKU × branch value to zero and sums the bottom series up again, so every level stays
/// non-negative and the forecasts still add up exactly. Wickramasuriya, Turlach and Hyndman (2020, "Optimal
/// non-negative forecast reconciliation") found this heuristic close in accuracy to the optimal constrained solution.
/// </summary>
public static class NonNegativeReconciliation
{
    /// <summary>
    /// The coherent forecasts (nodes × horizon, rows in <see cref="Hierarchy.Nodes"/> order) made non-negative; the
    /// same matrix when no value is negative.
    /// </summary>
    public static NonNegativeForecasts Correct(Hierarchy hierarchy, Matrix<double> reconciled)
    {
        if (reconciled.RowCount != hierarchy.Nodes.Count)
        {
            throw new ArgumentException($"The forecasts have {reconciled.RowCount} rows; the hierarchy has {hierarchy.Nodes.Count} nodes.", nameof(reconciled));
        }

        var bottomStart = hierarchy.Nodes.Count - hierarchy.BottomCount;
        var horizon = reconciled.ColumnCount;
        var bottom = reconciled.SubMatrix(bottomStart, hierarchy.BottomCount, 0, horizon);
        var aggregates = reconciled.SubMatrix(0, bottomStart, 0, horizon);
        var negativeBottom = bottom.Enumerate().Count(v => v < 0);
        var negativeAggregates = aggregates.Enumerate().Count(v => v < 0);
        if (negativeBottom == 0 && negativeAggregates == 0)
        {
            return new NonNegativeForecasts(reconciled, 0, 0);
        }

        // With no negative bottom value a negative aggregate can only be rounding; summing up again removes it as well.
        return new NonNegativeForecasts(hierarchy.Aggregate(bottom.Map(v => Math.Max(v, 0))), negativeBottom, negativeAggregates);
    }
}
