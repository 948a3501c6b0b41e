using System.Text.Json;
using Dapper;
using GoldAnalytics.Data.Insights;
using Npgsql;

namespace GoldAnalytics.Data.Forecasting;

/// <summary>Reads stored forecasts: runs, one series in full, and filtered pages of series of the latest completed run.</summary>
public sealed class ForecastQuery(NpgsqlDataSource dataSource)
{
    /// <summary>The run an orchestration instance made, or null.</summary>
    public async Task<ForecastRunView?> RunAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(RunSql + " WHERE instance_id = @instanceId", new { instanceId }, cancellationToken: cancellationToken));
        return row?.ToView();
    }

    /// <summary>The latest completed run, or null when none has completed.</summary>
    public async Task<ForecastRunView?> LatestAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(
            RunSql + " WHERE status = 'completed' ORDER BY completed_at DESC, id DESC LIMIT 1", cancellationToken: cancellationToken));
        return row?.ToView();
    }

    /// <summary>One series of a run with its history, forecast and intervals, model, accuracy, runners-up and seasonality; null when the run has no such series.</summary>
    public async Task<ForecastSeriesView?> SeriesAsync(ForecastRunView run, string level, string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var s = await connection.QuerySingleOrDefaultAsync<SeriesRow>(new CommandDefinition("""
            SELECT s.level AS Level, s.series_key AS Key, s.category AS Category, s.product_id AS ProductId, p.sku AS Sku, s.branch_id AS BranchId,
                   s.karat AS Karat, s.state AS State, s.model AS Model, s.specification AS Specification, s.mase AS Mase, s.smape AS Smape,
                   s.backtest_origins AS Origins, s.runners_up::text AS RunnersUp, s.seasonality::text AS Seasonality, s.demand_pattern AS Pattern,
                   s.adi AS Adi, s.cv2 AS Cv2, coalesce(s.notes, '{}') AS Notes, s.failure AS Failure, s.history_start AS HistoryStart, s.history AS History
              FROM forecast_series s LEFT JOIN products p ON p.id = s.product_id
             WHERE s.run_id = @runId AND s.level = @level AND s.series_key = @key
            """, new { runId = run.Id, level, key }, cancellationToken: cancellationToken));
        if (s is null)
        {
            return null;
        }

        var points = await connection.QueryAsync<(int Step, DateTime Week, double? Forecast, double Base, double L80, double U80, double L95, double U95)>(new CommandDefinition("""
            SELECT step, week, forecast, base, lower_80, upper_80, lower_95, upper_95
              FROM forecast_points WHERE run_id = @runId AND level = @level AND series_key = @key ORDER BY step
            """, new { runId = run.Id, level, key }, cancellationToken: cancellationToken));
        var start = DateOnly.FromDateTime(s.HistoryStart);
        return new ForecastSeriesView(
            run.Id, run.AsOf, s.Level, s.Key, s.Category, s.ProductId, s.Sku, s.BranchId, s.Karat, s.State, s.Model, s.Specification,
            new ModelAccuracy(s.Mase, s.Smape, s.Origins),
            ForecastJson.Deserialize<List<StoredScore>>(s.RunnersUp) ?? [],
            ForecastJson.Deserialize<StoredSeasonality>(s.Seasonality),
            s.Pattern is null ? null : new DemandClassView(s.Pattern, s.Adi, s.Cv2),
            s.Notes, s.Failure,
            [.. s.History.Select((units, i) => new HistoryPoint(start.AddDays(7 * i), units))],
            [.. points.Select(p => new ForecastPoint(p.Step, DateOnly.FromDateTime(p.Week), p.Forecast ?? p.Base, p.Base, p.L80, p.U80, p.L95, p.U95))]);
    }

    /// <summary>A page of a run's series matching the filter, ordered shop, categories, SKUs, SKU × branch, then by key.</summary>
    public async Task<ForecastSeriesList> ListAsync(ForecastRunView run, ForecastSeriesFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        page.Validated();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new
        {
            runId = run.Id, filter.Level, filter.Category, filter.Branch, karat = (short?)filter.Karat, filter.Model, filter.Pattern, filter.Sku,
            size = page.Size, offset = page.Offset,
        };
        const string where = """
            WHERE s.run_id = @runId
              AND (@Level::text IS NULL OR s.level = @Level)
              AND (@Category::text IS NULL OR s.category = @Category)
              AND (@Branch::int IS NULL OR s.branch_id = @Branch)
              AND (@karat::smallint IS NULL OR s.karat = @karat)
              AND (@Model::text IS NULL OR s.model = @Model)
              AND (@Pattern::text IS NULL OR s.demand_pattern = @Pattern)
              AND (@Sku::text IS NULL OR p.sku = @Sku)
            """;
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM forecast_series s LEFT JOIN products p ON p.id = s.product_id {where}", parameters, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<ForecastSeriesItem>(new CommandDefinition($"""
            SELECT s.level AS Level, s.series_key AS Key, s.category AS Category, s.product_id AS ProductId, p.sku AS Sku, s.branch_id AS BranchId,
                   s.karat AS Karat, s.state AS State, s.model AS Model, s.mase AS Mase, s.smape AS Smape, s.demand_pattern AS DemandPattern,
                   (s.seasonality ->> 'isSeasonal')::boolean AS IsSeasonal,
                   (SELECT sum(coalesce(f.forecast, f.base)) FROM forecast_points f
                     WHERE f.run_id = s.run_id AND f.level = s.level AND f.series_key = s.series_key) AS HorizonTotal
              FROM forecast_series s LEFT JOIN products p ON p.id = s.product_id
              {where}
             ORDER BY array_position(ARRAY['shop', 'category', 'sku', 'sku_branch'], s.level), s.series_key
             LIMIT @size OFFSET @offset
            """, parameters, cancellationToken: cancellationToken));
        return new ForecastSeriesList(run.Id, run.AsOf, [.. items], page.Page, page.Size, total);
    }

    private const string RunSql = """
        SELECT id AS Id, instance_id AS InstanceId, status AS Status, as_of AS AsOf, first_week AS FirstWeek, last_week AS LastWeek,
               horizon AS Horizon, reconciliation AS Reconciliation, series_count AS SeriesCount, batch_count AS BatchCount,
               started_at AS StartedAt, completed_at AS CompletedAt, summary::text AS Summary
          FROM forecast_runs
        """;

    private sealed class RunRow
    {
        public long Id { get; init; }

        public string InstanceId { get; init; } = "";

        public string Status { get; init; } = "";

        public DateTime AsOf { get; init; }

        public DateTime FirstWeek { get; init; }

        public DateTime LastWeek { get; init; }

        public int Horizon { get; init; }

        public string Reconciliation { get; init; } = "";

        public int SeriesCount { get; init; }

        public int BatchCount { get; init; }

        public DateTime StartedAt { get; init; }

        public DateTime? CompletedAt { get; init; }

        public string? Summary { get; init; }

        public ForecastRunView ToView() => new(
            Id, InstanceId, Status, DateOnly.FromDateTime(AsOf), DateOnly.FromDateTime(FirstWeek), DateOnly.FromDateTime(LastWeek), Horizon, Reconciliation,
            SeriesCount, BatchCount, StartedAt, CompletedAt, Parse(Summary));

        private static JsonElement? Parse(string? json)
        {
            if (json is null)
            {
                return null;
            }

            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
    }

    // A class: Dapper maps arrays to properties, not to constructor arguments.
    private sealed class SeriesRow
    {
        public string Level { get; init; } = "";

        public string Key { get; init; } = "";

        public string? Category { get; init; }

        public int? ProductId { get; init; }

        public string? Sku { get; init; }

        public int? BranchId { get; init; }

        public short? Karat { get; init; }

        public string State { get; init; } = "";

        public string? Model { get; init; }

        public string? Specification { get; init; }

        public double? Mase { get; init; }

        public double? Smape { get; init; }

        public int? Origins { get; init; }

        public string? RunnersUp { get; init; }

        public string? Seasonality { get; init; }

        public string? Pattern { get; init; }

        public double? Adi { get; init; }

        public double? Cv2 { get; init; }

        public string[] Notes { get; init; } = [];

        public string? Failure { get; init; }

        public DateTime HistoryStart { get; init; }

        public double[] History { get; init; } = [];
    }
}
