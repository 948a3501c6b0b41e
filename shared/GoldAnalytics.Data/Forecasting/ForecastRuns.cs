using Dapper;
using GoldAnalytics.Data.Kpis;
using Npgsql;
using NpgsqlTypes;

namespace GoldAnalytics.Data.Forecasting;

/// <summary>
/// What a run is asked to do: the orchestration instance that runs it, the last business day of history (null: the
/// latest day with sales), weeks to forecast, how forecasts are made to add up, and series per batch.
/// </summary>
public sealed record ForecastRunRequest(string InstanceId, DateOnly? AsOf = null, int Horizon = ForecastRunRequest.DefaultHorizon, string Reconciliation = ReconciliationMethods.Default, int BatchSize = ForecastRunRequest.DefaultBatchSize)
{
    public const int DefaultHorizon = 13;
    public const int DefaultBatchSize = 40;

    /// <summary>Weeks of history the models see at most: three years.</summary>
    public const int HistoryWeeks = 156;

    /// <summary>Weekly data: a yearly season of 52 weeks.</summary>
    public const int SeasonalPeriod = 52;
}

/// <summary>A planned run: its id, how many series and batches it has.</summary>
public sealed record ForecastPlan(long RunId, int Series, int Batches, DateOnly AsOf, DateOnly LastWeek);

/// <summary>Creates runs and their series, and closes them with a summary.</summary>
public sealed class ForecastRuns(NpgsqlDataSource dataSource, KpiRollups rollups)
{
    /// <summary>Completed runs kept; older ones are deleted when a run completes.</summary>
    public const int RunsKept = 8;

    /// <summary>
    /// Creates the run and its series (weekly history of every level), spread over batches. Idempotent: a retried
    /// call for the same instance returns the plan made the first time.
    /// </summary>
    public async Task<ForecastPlan> PlanAsync(ForecastRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Horizon, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Horizon, 104);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.BatchSize, 1);
        ReconciliationMethods.Parse(request.Reconciliation);
        await rollups.RefreshDirtyAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtext(@InstanceId))", request, transaction, cancellationToken: cancellationToken));
        var existing = await connection.QuerySingleOrDefaultAsync<(long Id, int Series, int Batches, DateTime AsOf, DateTime LastWeek)?>(new CommandDefinition(
            "SELECT id, series_count, batch_count, as_of, last_week FROM forecast_runs WHERE instance_id = @InstanceId", request, transaction, cancellationToken: cancellationToken));
        if (existing is { } run)
        {
            return new ForecastPlan(run.Id, run.Series, run.Batches, DateOnly.FromDateTime(run.AsOf), DateOnly.FromDateTime(run.LastWeek));
        }

        var asOf = request.AsOf ?? await LatestSalesDayAsync(connection, transaction, cancellationToken);
        var lastWeek = DemandHierarchy.WeekOf(asOf.AddDays(1)).AddDays(-7);
        var firstWeek = lastWeek.AddDays(-7 * (ForecastRunRequest.HistoryWeeks - 1));
        var series = await WeeklyDemandQuery.LoadAsync(connection, transaction, asOf, firstWeek, lastWeek, cancellationToken);
        var festivals = await RunFestivals.PlanAsync(connection, transaction, firstWeek, lastWeek, request.Horizon, cancellationToken);
        var batches = Math.Max(1, (series.Count + request.BatchSize - 1) / request.BatchSize);
        var runId = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO forecast_runs (instance_id, as_of, first_week, last_week, horizon, seasonal_period, reconciliation, series_count, batch_count, festivals)
            VALUES (@InstanceId, @asOf, @firstWeek, @lastWeek, @Horizon, @period, @Reconciliation, @count, @batches, @festivals::jsonb)
            RETURNING id
            """, new
        {
            request.InstanceId, asOf = Day(asOf), firstWeek = Day(firstWeek), lastWeek = Day(lastWeek), request.Horizon,
            period = ForecastRunRequest.SeasonalPeriod, request.Reconciliation, count = series.Count, batches,
            festivals = ForecastJson.Serialize(festivals),
        }, transaction, cancellationToken: cancellationToken));
        await CopySeriesAsync(connection, runId, series, batches, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ForecastPlan(runId, series.Count, batches, asOf, lastWeek);
    }

    /// <summary>Marks the run completed with its summary and deletes completed runs beyond the last <see cref="RunsKept"/>.</summary>
    public async Task CompleteAsync(long runId, ForecastRunSummary summary, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE forecast_runs SET status = 'completed', completed_at = now(), summary = @summary::jsonb WHERE id = @runId
            """, new { runId, summary = ForecastJson.Serialize(summary) }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM forecast_runs WHERE status <> 'running' AND id NOT IN (
                SELECT id FROM forecast_runs WHERE status = 'completed' ORDER BY completed_at DESC, id DESC LIMIT @kept)
            """, new { kept = RunsKept }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Marks the run of an orchestration instance failed with the reason, so readers keep using the last completed run.</summary>
    public async Task FailAsync(string instanceId, string reason, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE forecast_runs SET status = 'failed', completed_at = now(), summary = jsonb_build_object('failure', @reason::text)
             WHERE instance_id = @instanceId AND status = 'running'
            """, new { instanceId, reason }, cancellationToken: cancellationToken));
    }

    /// <summary>The latest business day with sales (rollups refreshed first, as a plan does): the history a run made now would end on.</summary>
    public async Task<DateOnly> LatestSalesDayAsync(CancellationToken cancellationToken = default)
    {
        await rollups.RefreshDirtyAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        return await LatestSalesDayAsync(connection, transaction, cancellationToken);
    }

    internal static DateTime Day(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

    private static async Task<DateOnly> LatestSalesDayAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var latest = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            "SELECT max(day) FROM product_daily WHERE day <= current_date AND units > 0", transaction: transaction, cancellationToken: cancellationToken));
        return latest is { } day ? DateOnly.FromDateTime(day) : throw new InvalidOperationException("No sales yet: there is no demand to forecast.");
    }

    private static async Task CopySeriesAsync(NpgsqlConnection connection, long runId, IReadOnlyList<DemandSeries> series, int batches, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY forecast_series (run_id, level, series_key, category, product_id, branch_id, karat, batch, history_start, history) FROM STDIN (FORMAT BINARY)", cancellationToken);
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(runId, NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteAsync(s.Level, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(s.Key, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(writer, s.Category, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(writer, s.ProductId, NpgsqlDbType.Integer, cancellationToken);
            await WriteNullableAsync(writer, s.BranchId, NpgsqlDbType.Integer, cancellationToken);
            await WriteNullableAsync(writer, s.Karat, NpgsqlDbType.Smallint, cancellationToken);
            // Round-robin, so the few long aggregate series are spread over the batches.
            await writer.WriteAsync(i % batches, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(s.Start, NpgsqlDbType.Date, cancellationToken);
            await writer.WriteAsync(s.Units, NpgsqlDbType.Array | NpgsqlDbType.Double, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await writer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await writer.WriteAsync(value, type, cancellationToken);
        }
    }
}
