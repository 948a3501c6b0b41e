using Dapper;
using GoldAnalytics.Data.Forecasting;
using GoldAnalytics.Testing;
using Npgsql;

namespace GoldAnalytics.Data.Tests.Forecasting;

public sealed class ForecastReconciliationTests : IAsyncLifetime
{
    private readonly ShopDatabase _database = new();
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    // One ring SKU at two branches, two weeks, reconciled by structural WLS (aggregates weighted ½, branches 1): every
    // branch moves by d = −⅜ (branch forecasts − total forecast).
    // Week 1: total 2, SOUK 10, MALL 1: d = −3.375, so SOUK 6.625, MALL −2.375, total 4.25.
    // Week 2: total 10, SOUK 6, MALL 5: d = −0.375, so SOUK 5.625, MALL 4.625, total 10.25.
    private async Task<long> RunAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        var runId = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO forecast_runs (instance_id, as_of, first_week, last_week, horizon, seasonal_period, reconciliation)
            VALUES ('non-negative', '2026-11-01', '2025-11-03', '2026-10-26', 2, 52, 'wls_structural') RETURNING id
            """);
        (string Level, string Key, double Week1, double Week2)[] nodes =
        [
            ("shop", "", 2, 10), ("category", "ring", 2, 10), ("sku", "RIN-1", 2, 10), ("sku_branch", "RIN-1@SOUK", 10, 6), ("sku_branch", "RIN-1@MALL", 1, 5),
        ];
        foreach (var (level, key, week1, week2) in nodes)
        {
            await connection.ExecuteAsync("""
                INSERT INTO forecast_series (run_id, level, series_key, category, batch, history_start, history, state)
                VALUES (@runId, @level, @key, 'ring', 0, '2025-11-03', ARRAY[1, 2, 3]::float8[], 'forecast');
                INSERT INTO forecast_points (run_id, level, series_key, step, week, base, lower_80, upper_80, lower_95, upper_95)
                VALUES (@runId, @level, @key, 1, '2026-11-02', @week1, @week1 - 2, @week1 + 2, @week1 - 3, @week1 + 3),
                       (@runId, @level, @key, 2, '2026-11-09', @week2, @week2 - 2, @week2 + 2, @week2 - 6.5, @week2 + 6.5)
                """, new { runId, level, key, week1, week2 });
        }

        return runId;
    }

    private async Task<Dictionary<(string Key, int Step), (double Forecast, double Lower80, double Upper80, double Lower95, double Upper95)>> PointsAsync(long runId)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(string Key, int Step, double Forecast, double Lower80, double Upper80, double Lower95, double Upper95)>(
            "SELECT series_key, step, forecast, lower_80, upper_80, lower_95, upper_95 FROM forecast_points WHERE run_id = @runId", new { runId });
        return rows.ToDictionary(r => (r.Key, r.Step), r => (r.Forecast, r.Lower80, r.Upper80, r.Lower95, r.Upper95));
    }

    [Fact]
    public async Task A_branch_reconciled_below_zero_is_stored_as_zero_the_totals_add_up_and_the_run_counts_the_correction()
    {
        var runId = await RunAsync();

        var check = await new ForecastReconciliation(_dataSource).ReconcileAsync(runId);

        check.NegativesCorrected.Should().Be(1);
        check.NegativeAggregates.Should().Be(0);
        check.MaxGapAfter.Should().BeLessThan(1e-9);
        var points = await PointsAsync(runId);
        points[("RIN-1@MALL", 1)].Forecast.Should().Be(0);
        points[("RIN-1@SOUK", 1)].Forecast.Should().BeApproximately(6.625, 1e-9);
        foreach (var total in new[] { "", "ring", "RIN-1" })
        {
            points[(total, 1)].Forecast.Should().BeApproximately(6.625, 1e-9, "the totals are the sum of the corrected branches");
            points[(total, 2)].Forecast.Should().BeApproximately(10.25, 1e-9, "a week with nothing negative keeps the WLS forecasts");
        }

        points[("RIN-1@SOUK", 2)].Forecast.Should().BeApproximately(5.625, 1e-9);
        points[("RIN-1@MALL", 2)].Forecast.Should().BeApproximately(4.625, 1e-9);
    }

    [Fact]
    public async Task Interval_bounds_move_with_the_forecast_and_are_cut_at_zero()
    {
        var runId = await RunAsync();

        await new ForecastReconciliation(_dataSource).ReconcileAsync(runId);

        var points = await PointsAsync(runId);
        points.Values.Should().OnlyContain(p => p.Lower80 >= 0 && p.Lower95 >= 0 && p.Upper80 >= p.Forecast && p.Upper95 >= p.Forecast);
        // MALL week 1: base 1 moved to 0 (by −1): 80 % [−1, 3] → [0, 2], 95 % [−2, 4] → [0, 3].
        points[("RIN-1@MALL", 1)].Should().Be((0.0, 0.0, 2.0, 0.0, 3.0));
        // SOUK week 2: base 6 moved to 5.625: the 95 % lower bound −0.5 − 0.375 is cut at zero, the upper one moves.
        points[("RIN-1@SOUK", 2)].Lower95.Should().Be(0);
        points[("RIN-1@SOUK", 2)].Upper95.Should().BeApproximately(12.125, 1e-9);
        points[("RIN-1@SOUK", 2)].Lower80.Should().BeApproximately(3.625, 1e-9);
    }

    [Fact]
    public async Task Reconciling_again_changes_nothing()
    {
        var runId = await RunAsync();
        var reconciliation = new ForecastReconciliation(_dataSource);
        await reconciliation.ReconcileAsync(runId);
        var first = await PointsAsync(runId);

        var again = await reconciliation.ReconcileAsync(runId);

        (await PointsAsync(runId)).Should().BeEquivalentTo(first);
        again.NegativesCorrected.Should().Be(1);
    }

    [Fact]
    public async Task Without_the_correction_the_plain_reconciliation_is_stored_to_measure_against()
    {
        var runId = await RunAsync();

        var check = await new ForecastReconciliation(_dataSource).ReconcileAsync(runId, nonNegative: false);

        check.NegativesCorrected.Should().Be(0);
        var points = await PointsAsync(runId);
        points[("RIN-1@MALL", 1)].Forecast.Should().BeApproximately(-2.375, 1e-9);
        points[("RIN-1@MALL", 1)].Lower80.Should().BeApproximately(-4.375, 1e-9);
        points[("", 1)].Forecast.Should().BeApproximately(4.25, 1e-9);
    }
}
