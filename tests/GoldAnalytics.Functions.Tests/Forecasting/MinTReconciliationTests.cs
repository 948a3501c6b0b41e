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
        using var started = await host.SendAsync(HttpMethod.Post, "/api/forecasting/runs", host.AnalystKey, """{"reconciliation": "mint_shrink"}""");
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
        var run = status.GetProperty("run");
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
}
