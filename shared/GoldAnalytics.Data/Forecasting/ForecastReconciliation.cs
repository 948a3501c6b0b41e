using Dapper;
using GoldAnalytics.Domain.Forecasting.Reconciliation;
using MathNet.Numerics.LinearAlgebra;
using Npgsql;

namespace GoldAnalytics.Data.Forecasting;

/// <summary>
/// How well a run's forecasts add up after reconciliation (the largest gap between a node and the sum of its SKU × branch
/// series), and how many reconciled values were negative: SKU × branch weeks set to zero, aggregate weeks summed up again.
/// </summary>
public sealed record CoherenceCheck(
    string Method, int Nodes, int BottomSeries, double MaxGapBefore, double MaxGapAfter, int NegativesCorrected, int NegativeAggregates, string? Note = null);

/// <summary>
/// Makes a run's forecasts add up: the base forecasts of every node (shop, categories, SKUs, SKU × branch) go through
/// the run's reconciliation method, and each node's intervals move with its forecast. A node whose model failed is
/// given the sum of its bottom series' base forecasts (or zeros at the bottom) before reconciling. Demand is never
/// negative: negative reconciled SKU × branch weeks are set to zero and summed up again, and no interval bound is
/// stored below zero.
/// </summary>
public sealed class ForecastReconciliation(NpgsqlDataSource dataSource)
{
    /// <summary>Reconciles the run by its method and makes the forecasts and their intervals non-negative.</summary>
    public Task<CoherenceCheck> ReconcileAsync(long runId, CancellationToken cancellationToken = default) =>
        ReconcileAsync(runId, nonNegative: true, cancellationToken);

    /// <summary>Reconciles the run by its method; <paramref name="nonNegative"/> false keeps negative forecasts and bounds (to measure what the correction changes).</summary>
    public async Task<CoherenceCheck> ReconcileAsync(long runId, bool nonNegative, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var (method, horizon) = await connection.QuerySingleAsync<(string, int)>(new CommandDefinition(
            "SELECT reconciliation, horizon FROM forecast_runs WHERE id = @runId", new { runId }, cancellationToken: cancellationToken));
        var bottom = (await connection.QueryAsync<(string Key, string Category)>(new CommandDefinition(
            "SELECT series_key, category FROM forecast_series WHERE run_id = @runId AND level = 'sku_branch' ORDER BY series_key",
            new { runId }, cancellationToken: cancellationToken)))
            .Select(b => new BottomSeries(b.Key[..b.Key.LastIndexOf('@')], b.Category, b.Key[(b.Key.LastIndexOf('@') + 1)..])).ToList();
        if (bottom.Count == 0)
        {
            return new CoherenceCheck(method, 0, 0, 0, 0, 0, 0);
        }

        var points = await connection.QueryAsync<(string Level, string Key, int Step, double Base)>(new CommandDefinition(
            "SELECT level, series_key, step, base FROM forecast_points WHERE run_id = @runId", new { runId }, cancellationToken: cancellationToken));
        var hierarchy = Hierarchy.Of(bottom);
        var row = hierarchy.Nodes.Select((n, i) => (Key: (SeriesLevels.Of(n.Level), n.Key), i)).ToDictionary(x => x.Key, x => x.i);
        var baseForecasts = Matrix<double>.Build.Dense(hierarchy.Nodes.Count, horizon, double.NaN);
        foreach (var p in points)
        {
            if (row.TryGetValue((p.Level, p.Key), out var r) && p.Step <= horizon)
            {
                baseForecasts[r, p.Step - 1] = p.Base;
            }
        }

        FillMissing(hierarchy, baseForecasts);
        var before = MaxGap(hierarchy, baseForecasts);
        string? note = null;
        Matrix<double> reconciled;
        if (ReconciliationMethods.Parse(method) == ReconciliationMethod.MinTShrink)
        {
            (reconciled, method, note) = await MinimumTraceAsync(connection, runId, hierarchy, baseForecasts, horizon, cancellationToken);
        }
        else
        {
            reconciled = Reconciler.Reconcile(hierarchy, baseForecasts, ReconciliationMethods.Parse(method));
        }

        var corrected = nonNegative ? NonNegativeReconciliation.Correct(hierarchy, reconciled) : new NonNegativeForecasts(reconciled, 0, 0);
        reconciled = corrected.Forecasts;
        var after = MaxGap(hierarchy, reconciled);
        var updates = hierarchy.Nodes.SelectMany((n, r) => Enumerable.Range(0, horizon).Select(h => (Level: SeriesLevels.Of(n.Level), n.Key, Step: h + 1, Value: reconciled[r, h]))).ToList();
        // Each bound moves by the change of the forecast since it was last set, so a retried call moves nothing twice; a
        // bound below zero (a model's interval around a slow series) is cut at zero, as demand cannot be negative.
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE forecast_points p
               SET lower_80 = greatest(@floor, p.lower_80 + (u.value - coalesce(p.forecast, p.base))),
                   upper_80 = greatest(@floor, p.upper_80 + (u.value - coalesce(p.forecast, p.base))),
                   lower_95 = greatest(@floor, p.lower_95 + (u.value - coalesce(p.forecast, p.base))),
                   upper_95 = greatest(@floor, p.upper_95 + (u.value - coalesce(p.forecast, p.base))),
                   forecast = u.value
              FROM unnest(@levels, @keys, @steps, @values) AS u(level, series_key, step, value)
             WHERE p.run_id = @runId AND p.level = u.level AND p.series_key = u.series_key AND p.step = u.step
            """, new
        {
            runId,
            floor = nonNegative ? 0 : double.NegativeInfinity,
            levels = updates.Select(u => u.Level).ToArray(),
            keys = updates.Select(u => u.Key).ToArray(),
            steps = updates.Select(u => u.Step).ToArray(),
            values = updates.Select(u => u.Value).ToArray(),
        }, cancellationToken: cancellationToken, commandTimeout: 0));
        return new CoherenceCheck(method, hierarchy.Nodes.Count, hierarchy.BottomCount, before, after, corrected.CorrectedBottomValues, corrected.NegativeAggregateValues, note);
    }

    // MinT-shrink on the nodes' back-test errors; structural WLS when the covariance cannot be estimated or is singular.
    private static async Task<(Matrix<double> Reconciled, string Method, string Note)> MinimumTraceAsync(
        NpgsqlConnection connection, long runId, Hierarchy hierarchy, Matrix<double> baseForecasts, int horizon, CancellationToken cancellationToken)
    {
        var period = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT seasonal_period FROM forecast_runs WHERE id = @runId", new { runId }, cancellationToken: cancellationToken));
        var stored = (await connection.QueryAsync<(string Level, string Key, double[] History, double[]? Errors)>(new CommandDefinition(
            "SELECT level, series_key, history, backtest_errors FROM forecast_series WHERE run_id = @runId", new { runId }, cancellationToken: cancellationToken)))
            .ToDictionary(s => (s.Level, s.Key), s => new NodeErrors(s.History, s.Errors));
        var nodes = hierarchy.Nodes.Select(n => stored.GetValueOrDefault((SeriesLevels.Of(n.Level), n.Key))).ToList();
        if (BacktestErrorMatrix.Build(hierarchy, nodes, horizon, period) is not { } matrix)
        {
            return Fallback("the series are too short to back-test");
        }

        var (errors, naive) = matrix;

        try
        {
            var reconciled = Reconciler.Reconcile(hierarchy, baseForecasts, ReconciliationMethod.MinTShrink, errors);
            return reconciled.Enumerate().All(double.IsFinite)
                ? (reconciled, ReconciliationMethods.MinTShrink, $"covariance of {errors.ColumnCount} back-test errors per node; {naive} of {nodes.Count} nodes without them use naive one-step errors")
                : Fallback("the reconciled forecasts were not finite");
        }
        catch (ArgumentException e)
        {
            // MathNet's Cholesky throws ArgumentException for a matrix that is not positive definite.
            return Fallback($"the error covariance is singular ({e.Message})");
        }

        (Matrix<double>, string, string) Fallback(string reason) =>
            (Reconciler.Reconcile(hierarchy, baseForecasts, ReconciliationMethod.WlsStructural), ReconciliationMethods.WlsStructural, $"MinT-shrink fell back to structural WLS: {reason}");
    }

    private static void FillMissing(Hierarchy hierarchy, Matrix<double> forecasts)
    {
        var bottomStart = hierarchy.Nodes.Count - hierarchy.BottomCount;
        for (var r = bottomStart; r < forecasts.RowCount; r++)
        {
            for (var h = 0; h < forecasts.ColumnCount; h++)
            {
                forecasts[r, h] = double.IsNaN(forecasts[r, h]) ? 0 : forecasts[r, h];
            }
        }

        var bottomUp = hierarchy.Summing * forecasts.SubMatrix(bottomStart, hierarchy.BottomCount, 0, forecasts.ColumnCount);
        for (var r = 0; r < bottomStart; r++)
        {
            for (var h = 0; h < forecasts.ColumnCount; h++)
            {
                forecasts[r, h] = double.IsNaN(forecasts[r, h]) ? bottomUp[r, h] : forecasts[r, h];
            }
        }
    }

    /// <summary>Largest |node − sum of its bottom series| over every node and week.</summary>
    public static double MaxGap(Hierarchy hierarchy, Matrix<double> forecasts)
    {
        var bottomStart = hierarchy.Nodes.Count - hierarchy.BottomCount;
        var sums = hierarchy.Summing * forecasts.SubMatrix(bottomStart, hierarchy.BottomCount, 0, forecasts.ColumnCount);
        return (forecasts - sums).Enumerate().Select(Math.Abs).DefaultIfEmpty(0).Max();
    }
}
