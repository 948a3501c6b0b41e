using System.Net;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace GoldAnalytics.Functions.Tests.Forecasting;

public sealed class MinTReconciliationTests(ForecastShopHost host) : IClassFixture<ForecastShopHost>
{
    [Fact]
    public async Task A_run_reconciled_by_mint_shrink_adds_up_from_the_back_test_errors()
    {
        var run = await RunAsync("mint_shrink");
        run.GetProperty("reconciliation").GetString().Should().Be("mint_shrink");
        var coherence = run.GetProperty("summary").GetProperty("coherence");
        coherence.GetProperty("method").GetString().Should().Be("mint_shrink", coherence.GetProperty("note").GetString());
        coherence.GetProperty("note").GetString().Should().Contain("26 back-test errors per node");
        coherence.GetProperty("maxGapBefore").GetDouble().Should().BeGreaterThan(1e-3, "the base forecasts did not add up");
        coherence.GetProperty("maxGapAfter").GetDouble().Should().BeLessThan(1e-6);

        // The reconciled SKU × branch forecasts differ from the models' own: MinT moved them, not only the aggregates.
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        var moved = await connection.ExecuteScalarAsync<double>(
            "SELECT max(abs(forecast - base)) FROM forecast_points WHERE run_id = @id AND level = 'sku_branch'", new { id = run.GetProperty("id").GetInt64() });
        moved.Should().BeGreaterThan(1e-6);
    }

    [Fact]
    public async Task A_run_stores_no_negative_forecast_or_interval_bound_and_its_summary_counts_the_weeks_set_to_zero()
    {
        var run = await RunAsync("mint_shrink");
        var runId = run.GetProperty("id").GetInt64();
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        var negatives = await connection.QuerySingleAsync<(long Forecasts, long Bounds, long ZeroBottomWeeks)>("""
            SELECT count(*) FILTER (WHERE forecast < 0),
                   count(*) FILTER (WHERE least(lower_80, upper_80, lower_95, upper_95) < 0),
                   count(*) FILTER (WHERE level = 'sku_branch' AND forecast = 0)
              FROM forecast_points WHERE run_id = @runId
            """, new { runId });
        var coherence = run.GetProperty("summary").GetProperty("coherence");

        negatives.Forecasts.Should().Be(0);
        negatives.Bounds.Should().Be(0);
        var corrected = coherence.GetProperty("negativesCorrected").GetInt32();
        corrected.Should().BeLessThanOrEqualTo((int)negatives.ZeroBottomWeeks, "every week set to zero is stored as zero");
        coherence.GetProperty("maxGapAfter").GetDouble().Should().BeLessThan(1e-6);
    }

    // Starts a run over the API, follows it to completion and returns the run as its status shows it.
    private async Task<JsonElement> RunAsync(string reconciliation)
    {
        using var started = await host.SendAsync(HttpMethod.Post, "/api/forecasting/runs", host.AnalystKey, $$"""{"reconciliation": "{{reconciliation}}"}""");
        started.StatusCode.Should().Be(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        JsonElement status;
        do
        {
            await Task.Delay(250, patience.Token);
            using var poll = await host.SendAsync(HttpMethod.Get, started.Headers.Location!.PathAndQuery);
            status = JsonDocument.Parse(await poll.Content.ReadAsStringAsync()).RootElement;
        }
        while (status.GetProperty("runtimeStatus").GetString() is "Pending" or "Running");

        status.GetProperty("runtimeStatus").GetString().Should().Be("Completed");
        return status.GetProperty("run");
    }
}
