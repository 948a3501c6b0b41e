using Dapper;
using GoldAnalytics.Domain.Forecasting.Selection;
using Npgsql;

namespace GoldAnalytics.Data.Forecasting;

/// <summary>A batch of a run, as the orchestration hands it to an activity.</summary>
public sealed record ForecastBatchWork(long RunId, int Batch);

/// <summary>What a batch did: series forecast and series that failed.</summary>
public sealed record ForecastBatchResult(int Forecast, int Failed);

/// <summary>
/// Forecasts one batch of a run's series with automatic model selection and stores each one's base forecast,
/// intervals, model, back-test accuracy, runners-up, seasonality and demand class. Rewrites the whole batch in one
/// transaction, so a retried activity leaves the same rows.
/// </summary>
public sealed class ForecastBatches(NpgsqlDataSource dataSource)
{
    private static readonly double[] Levels = [80, 95];

    public async Task<ForecastBatchResult> ForecastAsync(ForecastBatchWork work, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var run = await connection.QuerySingleAsync<(int Horizon, int Period, DateTime LastWeek, string Festivals)>(new CommandDefinition(
            "SELECT horizon, seasonal_period, last_week, festivals::text FROM forecast_runs WHERE id = @RunId", work, cancellationToken: cancellationToken));
        var series = await connection.QueryAsync<(string Level, string Key, DateTime Start, double[] History)>(new CommandDefinition(
            "SELECT level, series_key, history_start, history FROM forecast_series WHERE run_id = @RunId AND batch = @Batch ORDER BY level, series_key", work, cancellationToken: cancellationToken));
        var festivals = ForecastJson.Deserialize<List<RunFestival>>(run.Festivals) ?? [];
        var forecaster = new AutomaticForecaster();
        var firstWeek = DateOnly.FromDateTime(run.LastWeek).AddDays(7);
        var outcomes = new List<SeriesOutcome>();
        foreach (var (level, key, start, history) in series)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var regressors = RunFestivals.Regressors(festivals, DateOnly.FromDateTime(start), history.Length + run.Horizon);
                outcomes.Add(SeriesOutcome.Of(level, key, forecaster.Forecast(new ForecastRequest(history, run.Period, run.Horizon, Levels, regressors))));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One series the models choke on is recorded as failed; it must not cost the whole weekly run.
                outcomes.Add(SeriesOutcome.Failed(level, key, e.Message));
            }
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM forecast_points p USING forecast_series s
             WHERE s.run_id = @RunId AND s.batch = @Batch AND p.run_id = s.run_id AND p.level = s.level AND p.series_key = s.series_key
            """, work, transaction, cancellationToken: cancellationToken));
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            foreach (var outcome in outcomes)
            {
                batch.BatchCommands.Add(outcome.UpdateCommand(work.RunId));
            }

            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        var points = outcomes.Where(o => o.Result is not null).SelectMany(o => o.Points(firstWeek)).ToList();
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO forecast_points (run_id, level, series_key, step, week, base, lower_80, upper_80, lower_95, upper_95)
            SELECT @RunId, * FROM unnest(@levels, @keys, @steps, @weeks, @bases, @lower80, @upper80, @lower95, @upper95)
            """, new
        {
            work.RunId,
            levels = points.Select(p => p.Level).ToArray(),
            keys = points.Select(p => p.Key).ToArray(),
            steps = points.Select(p => p.Step).ToArray(),
            weeks = points.Select(p => ForecastRuns.Day(p.Week)).ToArray(),
            bases = points.Select(p => p.Base).ToArray(),
            lower80 = points.Select(p => p.Lower80).ToArray(),
            upper80 = points.Select(p => p.Upper80).ToArray(),
            lower95 = points.Select(p => p.Lower95).ToArray(),
            upper95 = points.Select(p => p.Upper95).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new ForecastBatchResult(outcomes.Count(o => o.Result is not null), outcomes.Count(o => o.Result is null));
    }
}
