using System.Net;
using System.Text.Json;
using Dapper;
using GoldAnalytics.Data.Stock;
using GoldAnalytics.Functions.Forecasting;
using GoldAnalytics.Runtime.Durable;
using Npgsql;
using Xunit.Abstractions;

namespace GoldAnalytics.Functions.Tests.Forecasting;

public sealed class WeeklyForecastingTests(ForecastShopHost host, ITestOutputHelper output) : IClassFixture<ForecastShopHost>
{
    [Fact]
    public async Task The_weekly_timer_starts_the_forecast_orchestration_which_completes()
    {
        host.TimerRun.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, host.TimerRun.FailureDetails?.ErrorMessage);
        host.TimerInstanceId.Should().StartWith("demand-forecast-");
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        var timer = await connection.QuerySingleAsync<(DateTime? LastCompleted, string? LastError)>(
            "SELECT last_completed_at, last_error FROM runtime.timer_schedules WHERE function_name = 'WeeklyDemandForecast'");
        timer.LastCompleted.Should().NotBeNull();
        timer.LastError.Should().BeNull();
        var run = await connection.QuerySingleAsync<(string Status, int Series)>("SELECT status, series_count FROM forecast_runs WHERE instance_id = @id", new { id = host.TimerInstanceId });
        run.Status.Should().Be("completed");
    }

    [Fact]
    public async Task Every_level_has_a_forecast_for_every_series_and_the_forecasts_add_up()
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        var runId = await RunIdAsync(connection);
        var asOf = await connection.ExecuteScalarAsync<DateTime>("SELECT as_of FROM forecast_runs WHERE id = @runId", new { runId });
        const string onSale = "deleted_at IS NULL AND created_at::date <= @asOf AND (discontinued_on IS NULL OR discontinued_on > @asOf)";
        var products = await connection.ExecuteScalarAsync<int>($"SELECT count(*) FROM products WHERE {onSale}", new { asOf });
        var branches = await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM branches");
        var categories = await connection.ExecuteScalarAsync<int>($"SELECT count(DISTINCT category) FROM products WHERE {onSale}", new { asOf });
        var levels = (await connection.QueryAsync<(string Level, int Series, int Forecast, int Points)>("""
            SELECT s.level, count(*)::int, count(*) FILTER (WHERE s.state = 'forecast')::int,
                   (SELECT count(*) FROM forecast_points p WHERE p.run_id = @runId AND p.level = s.level AND p.forecast IS NOT NULL)::int
              FROM forecast_series s WHERE s.run_id = @runId GROUP BY s.level
            """, new { runId })).ToDictionary(l => l.Level);

        levels["shop"].Series.Should().Be(1);
        levels["category"].Series.Should().Be(categories);
        levels["sku"].Series.Should().Be(products);
        levels["sku_branch"].Series.Should().Be(products * branches);
        foreach (var level in levels.Values)
        {
            level.Forecast.Should().Be(level.Series, $"every {level.Level} series is forecast");
            level.Points.Should().Be(level.Series * 13, $"every {level.Level} series has 13 reconciled weeks");
        }

        // Each aggregate equals the sum of the SKU × branch forecasts under it, week by week.
        var gaps = await connection.QuerySingleAsync<(double Shop, double Category, double Sku)>("""
            WITH bottom AS (
                SELECT s.category, split_part(s.series_key, '@', 1) AS sku, p.step, p.forecast
                  FROM forecast_series s JOIN forecast_points p USING (run_id, level, series_key)
                 WHERE s.run_id = @runId AND s.level = 'sku_branch'),
            node AS (SELECT level, series_key, step, forecast FROM forecast_points WHERE run_id = @runId)
            SELECT (SELECT max(abs(n.forecast - b.total)) FROM node n JOIN (SELECT step, sum(forecast) AS total FROM bottom GROUP BY step) b USING (step) WHERE n.level = 'shop'),
                   (SELECT max(abs(n.forecast - b.total)) FROM node n JOIN (SELECT category, step, sum(forecast) AS total FROM bottom GROUP BY 1, 2) b
                       ON n.series_key = b.category AND n.step = b.step WHERE n.level = 'category'),
                   (SELECT max(abs(n.forecast - b.total)) FROM node n JOIN (SELECT sku, step, sum(forecast) AS total FROM bottom GROUP BY 1, 2) b
                       ON n.series_key = b.sku AND n.step = b.step WHERE n.level = 'sku')
            """, new { runId });
        gaps.Shop.Should().BeLessThan(1e-6);
        gaps.Category.Should().BeLessThan(1e-6);
        gaps.Sku.Should().BeLessThan(1e-6);

        var summary = host.TimerRun.ReadOutputAs<JsonElement>();
        summary.GetProperty("coherence").GetProperty("maxGapAfter").GetDouble().Should().BeLessThan(1e-6);
        summary.GetProperty("recommendations").GetProperty("replay").GetProperty("overall").GetProperty("series").GetInt32().Should().BePositive();
    }

    [Fact]
    public void Replaying_the_last_year_through_the_recommended_policies_serves_within_two_points_of_the_target_fill_rate()
    {
        // A quiet shop of mostly intermittent SKU × branch series: the slow movers' discrete reorder points carry it.
        var overall = host.TimerRun.ReadOutputAs<JsonElement>().GetProperty("recommendations").GetProperty("replay").GetProperty("overall");
        var target = overall.GetProperty("targetFillRate").GetDouble();
        var achieved = overall.GetProperty("achievedFillRate").GetDouble();
        output.WriteLine($"series {overall.GetProperty("series").GetInt32()}, target {target:P2}, achieved {achieved:P2}, gap {100 * (achieved - target):+0.00;-0.00} points");
        var past = host.TimerRun.ReadOutputAs<JsonElement>().GetProperty("recommendations").GetProperty("replayAtPastDemandLevel").GetProperty("overall");
        output.WriteLine($"sized on the replayed weeks' mean demand: achieved {past.GetProperty("achievedFillRate").GetDouble():P2}");

        overall.GetProperty("series").GetInt32().Should().BeGreaterThan(20);
        (100 * (achieved - target)).Should().BeInRange(-2, 2);
    }

    [Fact]
    public async Task A_series_comes_back_with_history_forecast_intervals_model_accuracy_runners_up_and_seasonality()
    {
        using var list = await host.SendAsync(HttpMethod.Get, "/api/forecasting/series?level=sku&pageSize=1");
        list.StatusCode.Should().Be(HttpStatusCode.OK);
        var sku = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("items")[0].GetProperty("key").GetString()!;

        using var response = await host.SendAsync(HttpMethod.Get, $"/api/forecasting/series/sku?key={Uri.EscapeDataString(sku)}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var series = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        series.GetProperty("level").GetString().Should().Be("sku");
        series.GetProperty("sku").GetString().Should().Be(sku);
        series.GetProperty("model").GetString().Should().NotBeNullOrEmpty();
        series.GetProperty("history").GetArrayLength().Should().BeGreaterThan(10);
        series.GetProperty("seasonality").GetProperty("seasonalPeriod").GetInt32().Should().Be(52);
        series.GetProperty("demand").GetProperty("pattern").GetString().Should().BeOneOf(DemandPatternsFor());
        var accuracy = series.GetProperty("accuracy");
        accuracy.GetProperty("mase").GetDouble().Should().BeGreaterThanOrEqualTo(0);
        accuracy.GetProperty("smape").GetDouble().Should().BeInRange(0, 200);
        series.GetProperty("runnersUp").GetArrayLength().Should().BePositive();
        var forecast = series.GetProperty("forecast").EnumerateArray().ToList();
        forecast.Should().HaveCount(13);
        var weeks = forecast.Select(p => DateOnly.Parse(p.GetProperty("week").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        weeks[0].DayOfWeek.Should().Be(DayOfWeek.Monday);
        weeks.Zip(weeks.Skip(1), (a, b) => b.DayNumber - a.DayNumber).Should().OnlyContain(d => d == 7);
        foreach (var point in forecast)
        {
            var f = point.GetProperty("forecast").GetDouble();
            point.GetProperty("lower95").GetDouble().Should().BeLessThanOrEqualTo(point.GetProperty("lower80").GetDouble() + 1e-9);
            point.GetProperty("lower80").GetDouble().Should().BeLessThanOrEqualTo(f + 1e-9);
            point.GetProperty("upper80").GetDouble().Should().BeGreaterThanOrEqualTo(f - 1e-9);
            point.GetProperty("upper95").GetDouble().Should().BeGreaterThanOrEqualTo(point.GetProperty("upper80").GetDouble() - 1e-9);
        }
    }

    [Fact]
    public async Task The_shop_series_and_a_sku_at_a_branch_are_reachable_and_the_list_filters_and_pages()
    {
        using var shop = await host.SendAsync(HttpMethod.Get, "/api/forecasting/series/shop");
        shop.StatusCode.Should().Be(HttpStatusCode.OK);

        using var page = await host.SendAsync(HttpMethod.Get, "/api/forecasting/series?level=sku_branch&branch=2&page=2&pageSize=5");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await page.Content.ReadAsStringAsync()).RootElement;
        var items = body.GetProperty("items").EnumerateArray().ToList();
        items.Should().HaveCount(5);
        items.Should().OnlyContain(i => i.GetProperty("branchId").GetInt32() == 2 && i.GetProperty("level").GetString() == "sku_branch");
        body.GetProperty("total").GetInt64().Should().BeGreaterThan(5);

        var key = items[0].GetProperty("key").GetString()!;
        using var one = await host.SendAsync(HttpMethod.Get, $"/api/forecasting/series/sku_branch?key={Uri.EscapeDataString(key)}");
        one.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonDocument.Parse(await one.Content.ReadAsStringAsync()).RootElement.GetProperty("branchId").GetInt32().Should().Be(2);
    }

    [Theory]
    [InlineData("/api/forecasting/series?level=week", HttpStatusCode.BadRequest)]
    [InlineData("/api/forecasting/series?pattern=spiky", HttpStatusCode.BadRequest)]
    [InlineData("/api/forecasting/series?pageSize=501", HttpStatusCode.BadRequest)]
    [InlineData("/api/forecasting/series/sku", HttpStatusCode.BadRequest)]
    [InlineData("/api/forecasting/series/shop?key=x", HttpStatusCode.BadRequest)]
    [InlineData("/api/forecasting/series/sku?key=NO-SUCH-SKU", HttpStatusCode.NotFound)]
    [InlineData("/api/stock/recommendations?action=panic", HttpStatusCode.BadRequest)]
    [InlineData("/api/stock/recommendations?karat=23", HttpStatusCode.BadRequest)]
    [InlineData("/api/forecasting/runs/no-such-run", HttpStatusCode.NotFound)]
    [InlineData("/api/forecasting/festivals?from=2026-12-01&to=2026-11-01", HttpStatusCode.BadRequest)]
    [InlineData("/api/forecasting/festivals?from=diwali", HttpStatusCode.BadRequest)]
    public async Task Bad_input_is_a_problem_that_says_what_to_fix(string path, HttpStatusCode expected)
    {
        using var response = await host.SendAsync(HttpMethod.Get, path);
        response.StatusCode.Should().Be(expected);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Recommendations_come_most_urgent_first_and_filter_by_branch_category_karat_and_action()
    {
        using var response = await host.SendAsync(HttpMethod.Get, "/api/stock/recommendations?pageSize=500");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var all = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray().ToList();
        all.Should().NotBeEmpty();
        var urgency = all.Select(r => r.GetProperty("urgencyDays").ValueKind == JsonValueKind.Null ? double.PositiveInfinity : r.GetProperty("urgencyDays").GetDouble()).ToList();
        urgency.Should().BeInAscendingOrder("the most urgent (fewest days of cover beyond the lead time) come first, no-demand rows last");
        all.Select(r => r.GetProperty("action").GetString()).Should().OnlyContain(a => StockActions.All.Contains(a!));
        foreach (var r in all.Where(r => r.GetProperty("action").GetString() == "order_now"))
        {
            r.GetProperty("orderQuantity").GetInt32().Should().BePositive();
            r.GetProperty("position").GetDouble().Should().BeLessThanOrEqualTo(r.GetProperty("reorderPoint").GetDouble());
        }

        var first = all[0];
        var (branch, category, karat, action) = (first.GetProperty("branchId").GetInt32(), first.GetProperty("category").GetString(), first.GetProperty("karat").GetInt32(), first.GetProperty("action").GetString());
        using var filtered = await host.SendAsync(HttpMethod.Get, $"/api/stock/recommendations?branch={branch}&category={category}&karat={karat}&action={action}");
        filtered.StatusCode.Should().Be(HttpStatusCode.OK);
        var items = JsonDocument.Parse(await filtered.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray().ToList();
        items.Should().NotBeEmpty().And.OnlyContain(r => r.GetProperty("branchId").GetInt32() == branch && r.GetProperty("category").GetString() == category
            && r.GetProperty("karat").GetInt32() == karat && r.GetProperty("action").GetString() == action);
        items.Count.Should().BeLessThan(all.Count);
    }

    [Fact]
    public async Task An_open_reservation_comes_off_the_stock_position()
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        var (branch, product, onHand) = await connection.QueryFirstAsync<(int, int, int)>("SELECT branch_id, product_id, on_hand FROM stock_levels WHERE on_hand > 1 ORDER BY 1, 2");
        var before = (await StockInputs.PositionsAsync(connection, CancellationToken.None)).Single(p => p.BranchId == branch && p.ProductId == product);
        await connection.ExecuteAsync("INSERT INTO stock_reservations (branch_id, product_id, quantity) VALUES (@branch, @product, 1)", new { branch, product });
        await connection.ExecuteAsync("INSERT INTO stock_reservations (branch_id, product_id, quantity, released_at) VALUES (@branch, @product, 5, now())", new { branch, product });
        var after = (await StockInputs.PositionsAsync(connection, CancellationToken.None)).Single(p => p.BranchId == branch && p.ProductId == product);

        before.OnHand.Should().Be(onHand);
        after.Reserved.Should().Be(before.Reserved + 1, "only the open reservation counts");
        (after.OnHand + after.OnOrder - after.Reserved).Should().Be(before.OnHand + before.OnOrder - before.Reserved - 1);
    }

    [Fact]
    public async Task An_analyst_starts_a_run_on_demand_and_follows_it_to_completion()
    {
        using var forbidden = await host.SendAsync(HttpMethod.Post, "/api/forecasting/runs", host.ViewerKey, "{}");
        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var bad = await host.SendAsync(HttpMethod.Post, "/api/forecasting/runs", host.AnalystKey, """{"horizon": 0}""");
        var problem = await bad.Content.ReadAsStringAsync();
        bad.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, problem);
        problem.Should().Contain("\"field\":\"horizon\"");

        using var started = await host.SendAsync(HttpMethod.Post, "/api/forecasting/runs", host.AnalystKey, """{"horizon": 4, "reconciliation": "bottom_up"}""");
        started.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var location = started.Headers.Location!;
        var id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        location.AbsolutePath.Should().Be($"/api/forecasting/runs/{id}");

        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        JsonElement status;
        do
        {
            await Task.Delay(250, patience.Token);
            using var poll = await host.SendAsync(HttpMethod.Get, location.PathAndQuery);
            poll.StatusCode.Should().Be(HttpStatusCode.OK);
            status = JsonDocument.Parse(await poll.Content.ReadAsStringAsync()).RootElement;
        }
        while (status.GetProperty("runtimeStatus").GetString() is "Pending" or "Running");

        status.GetProperty("runtimeStatus").GetString().Should().Be("Completed");
        var run = status.GetProperty("run");
        run.GetProperty("status").GetString().Should().Be("completed");
        run.GetProperty("horizon").GetInt32().Should().Be(4);
        run.GetProperty("reconciliation").GetString().Should().Be("bottom_up");
        run.GetProperty("summary").GetProperty("coherence").GetProperty("maxGapAfter").GetDouble().Should().BeLessThan(1e-6);
    }

    private static string[] DemandPatternsFor() => [.. GoldAnalytics.Data.Forecasting.DemandPatterns.All];

    private async Task<long> RunIdAsync(NpgsqlConnection connection) =>
        await connection.ExecuteScalarAsync<long>("SELECT id FROM forecast_runs WHERE instance_id = @id", new { id = host.TimerInstanceId });
}
