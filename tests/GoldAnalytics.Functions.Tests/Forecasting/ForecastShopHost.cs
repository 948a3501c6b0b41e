using Dapper;
using GoldAnalytics.Data.DemoData;
using GoldAnalytics.Data.DemoData.Loading;
using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Functions.Forecasting;
using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Runtime.Keys;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GoldAnalytics.Functions.Tests.Forecasting;

/// <summary>
/// The function app on a small demo shop with 65 weeks of sales, whose weekly forecast timer last fired eight days
/// ago: at start the timer fires (past due) and starts the forecast orchestration; the fixture waits for it.
/// </summary>
public sealed class ForecastShopHost : FunctionAppHost, IAsyncLifetime
{
    public static DemoProfile Profile { get; } = new() { Seed = 5, Days = 455, Products = 24, Customers = 300, InvoicesPerBranchDay = 8 };

    public string ViewerKey { get; private set; } = "";

    public string AnalystKey { get; private set; } = "";

    /// <summary>The orchestration instance the timer started.</summary>
    public string TimerInstanceId { get; private set; } = "";

    public OrchestrationMetadata TimerRun { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        ViewerKey = await KeyAsync(Role.Viewer);
        AnalystKey = await KeyAsync(Role.Analyst);
        var client = App.Services.GetRequiredService<DurableTaskClient>();
        await using var connection = new NpgsqlConnection(ConnectionString);
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while ((TimerInstanceId = await connection.ExecuteScalarAsync<string?>(
            "SELECT instance_id FROM durable.instances WHERE name = @name ORDER BY created_at LIMIT 1", new { name = WeeklyForecasting.Orchestration }) ?? "") == "")
        {
            await Task.Delay(200, patience.Token);
        }

        TimerRun = await client.WaitForInstanceCompletionAsync(TimerInstanceId, getInputsAndOutputs: true, patience.Token);
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    protected override async Task BeforeStartAsync(string connectionString)
    {
        await new Migrator(connectionString).MigrateAsync(AppMigrations.All);
        await new DemoLoader(connectionString).LoadAsync(Profile, IndexStrategy.Keep);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync("""
            INSERT INTO runtime.timer_schedules (function_name, schedule, last_slot) VALUES ('WeeklyDemandForecast', '0 30 3 * * 1', now() - interval '8 days')
            """);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key = null, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-functions-key", key ?? ViewerKey);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return await Client.SendAsync(request);
    }
}
