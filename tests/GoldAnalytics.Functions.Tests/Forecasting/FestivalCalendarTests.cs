using System.Net;
using System.Text.Json;
using Dapper;
using GoldAnalytics.Data.Forecasting;
using GoldAnalytics.Domain.Forecasting.Models;
using GoldAnalytics.Domain.Forecasting.Selection;
using GoldAnalytics.Runtime.Keys;
using Npgsql;

namespace GoldAnalytics.Functions.Tests.Forecasting;

public sealed class FestivalCalendarTests(ForecastShopHost host) : IClassFixture<ForecastShopHost>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task The_demo_shop_calendar_lists_the_festivals_it_sold_by()
    {
        // The test shop trades from 2025-08-03 to 2026-10-31.
        using var response = await host.SendAsync(HttpMethod.Get, "/api/forecasting/festivals?from=2025-08-01&to=2026-07-31");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var festivals = await FestivalsAsync(response);
        festivals.Should().Equal(
            new Occurrence("Dhanteras", "2025-10-18", "2025-10-18"),
            new Occurrence("Diwali", "2025-10-19", "2025-10-20"),
            new Occurrence("Wedding season", "2025-11-01", "2026-02-28"),
            new Occurrence("Eid al-Fitr", "2026-03-15", "2026-03-19"),
            new Occurrence("Akshaya Tritiya", "2026-04-19", "2026-04-19"),
            new Occurrence("Eid al-Adha", "2026-05-24", "2026-05-26"));
    }

    [Fact]
    public async Task A_manager_adds_and_removes_a_festival_and_bad_input_says_what_to_fix()
    {
        var manager = await host.KeyAsync(Role.Manager);
        const string souk = """{"name": "Gold Souk Week", "firstDay": "2026-12-02", "lastDay": "2026-12-06"}""";

        using var forbidden = await host.SendAsync(HttpMethod.Post, "/api/forecasting/festivals", host.AnalystKey, souk);
        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var backwards = await host.SendAsync(HttpMethod.Post, "/api/forecasting/festivals", manager, """{"name": "Gold Souk Week", "firstDay": "2026-12-06", "lastDay": "2026-12-02"}""");
        backwards.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await backwards.Content.ReadAsStringAsync()).Should().Contain("\"field\":\"lastDay\"");
        using var nameless = await host.SendAsync(HttpMethod.Post, "/api/forecasting/festivals", manager, """{"name": " ", "firstDay": "2026-12-02"}""");
        nameless.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await nameless.Content.ReadAsStringAsync()).Should().Contain("\"field\":\"name\"");

        using var added = await host.SendAsync(HttpMethod.Post, "/api/forecasting/festivals", manager, souk);
        added.StatusCode.Should().Be(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await added.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        added.Headers.Location!.ToString().Should().EndWith($"/api/forecasting/festivals/{id}");
        using var twice = await host.SendAsync(HttpMethod.Post, "/api/forecasting/festivals", manager, souk);
        twice.StatusCode.Should().Be(HttpStatusCode.Conflict);
        using (var december = await host.SendAsync(HttpMethod.Get, "/api/forecasting/festivals?from=2026-12-01&to=2026-12-31"))
        {
            (await FestivalsAsync(december)).Should().Contain(new Occurrence("Gold Souk Week", "2026-12-02", "2026-12-06"));
        }

        using var removed = await host.SendAsync(HttpMethod.Delete, $"/api/forecasting/festivals/{id}", manager);
        removed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        using var again = await host.SendAsync(HttpMethod.Delete, $"/api/forecasting/festivals/{id}", manager);
        again.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using (var december = await host.SendAsync(HttpMethod.Get, "/api/forecasting/festivals?from=2026-12-01&to=2026-12-31"))
        {
            (await FestivalsAsync(december)).Should().NotContain(f => f.Name == "Gold Souk Week");
        }

        await using var connection = new NpgsqlConnection(host.ConnectionString);
        var audit = await connection.QueryAsync<string>("SELECT action FROM audit_log WHERE table_name = 'shop_festivals' AND record_id = @id ORDER BY id", new { id = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        audit.Should().Equal("insert", "delete");
    }

    [Fact]
    public async Task A_forecast_run_hands_the_calendar_festival_weeks_to_the_regression()
    {
        var manager = await host.KeyAsync(Role.Manager);
        // A shop event in the history (the week of Monday 2026-01-12) and in the horizon (the week of Monday 2026-11-16).
        foreach (var days in new[] { ("2026-01-14", "2026-01-15"), ("2026-11-18", "2026-11-18") })
        {
            using var added = await host.SendAsync(HttpMethod.Post, "/api/forecasting/festivals", manager, $$"""{"name": "Branch anniversary", "firstDay": "{{days.Item1}}", "lastDay": "{{days.Item2}}"}""");
            added.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var runId = await RunAsync();

        await using var connection = new NpgsqlConnection(host.ConnectionString);
        var (horizon, festivalsJson) = await connection.QuerySingleAsync<(int, string)>("SELECT horizon, festivals::text FROM forecast_runs WHERE id = @runId", new { runId });
        var festivals = JsonSerializer.Deserialize<List<RunFestival>>(festivalsJson, Web)!;
        festivals.Single(f => f.Name == "Branch anniversary").Weeks.Should().Equal(new DateOnly(2026, 1, 12), new DateOnly(2026, 11, 16));
        festivals.Select(f => f.Name).Should().Contain(["Diwali", "Dhanteras", "Eid al-Fitr", "Wedding season"]);

        // The shop series' regression was back-tested with the festival dummies: its stored score is the one they give.
        var shop = await connection.QuerySingleAsync<(DateTime Start, double[] History, string Model, double? Mase, string RunnersUp)>(
            "SELECT history_start, history, model, mase, runners_up::text FROM forecast_series WHERE run_id = @runId AND level = 'shop'", new { runId });
        var stored = shop.Model == "Regression"
            ? shop.Mase!.Value
            : JsonDocument.Parse(shop.RunnersUp).RootElement.EnumerateArray().Single(r => r.GetProperty("model").GetString() == "Regression").GetProperty("mase").GetDouble();
        var regressors = RunFestivals.Regressors(festivals, DateOnly.FromDateTime(shop.Start), shop.History.Length + horizon);
        var withFestivals = RegressionBacktest(new SeriesInput(shop.History, 52, regressors), horizon);
        var withoutFestivals = RegressionBacktest(new SeriesInput(shop.History, 52), horizon);

        stored.Should().BeApproximately(withFestivals, 1e-9);
        withFestivals.Should().NotBeApproximately(withoutFestivals, 1e-6, "the festival dummies change the regression's forecasts");
    }

    private static double RegressionBacktest(SeriesInput series, int horizon)
    {
        var cuts = new Backtest().Cuts(series.Length, horizon, series.SeasonalPeriod);
        var model = ((ISpecifiable)Candidates.Regression).Specify(series) ?? Candidates.Regression;
        return Backtest.Score("Regression", series, cuts, Backtest.Run(model, series, cuts, horizon))!.Mase;
    }

    private async Task<long> RunAsync()
    {
        using var started = await host.SendAsync(HttpMethod.Post, "/api/forecasting/runs", host.AnalystKey, "{}");
        started.StatusCode.Should().Be(HttpStatusCode.Accepted);
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
        return status.GetProperty("run").GetProperty("id").GetInt64();
    }

    private static async Task<List<Occurrence>> FestivalsAsync(HttpResponseMessage response) =>
        [.. JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("festivals").EnumerateArray()
            .Select(f => new Occurrence(f.GetProperty("name").GetString()!, f.GetProperty("firstDay").GetString()!, f.GetProperty("lastDay").GetString()!))];

    private sealed record Occurrence(string Name, string FirstDay, string LastDay);
}
