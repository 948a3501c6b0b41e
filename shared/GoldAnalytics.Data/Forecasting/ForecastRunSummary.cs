using Dapper;
using GoldAnalytics.Data.Stock;
using Npgsql;

namespace GoldAnalytics.Data.Forecasting;

/// <summary>Accuracy of one level's chosen models: series, failures, mean and median back-test MASE, mean sMAPE, and how often each model was chosen.</summary>
public sealed record LevelAccuracy(string Level, int Series, int Failed, double? MeanMase, double? MedianMase, double? MeanSmape, IReadOnlyDictionary<string, int> Models);

/// <summary>What a run did, stored with it: accuracy per level, whether the forecasts add up, the recommendations and the policy replay.</summary>
public sealed record ForecastRunSummary(long RunId, DateOnly AsOf, int Series, IReadOnlyList<LevelAccuracy> Levels, CoherenceCheck Coherence, RecommendationSummary Recommendations);

/// <summary>Builds a run's summary from its stored series.</summary>
public sealed class ForecastRunSummaries(NpgsqlDataSource dataSource)
{
    public async Task<ForecastRunSummary> SummariseAsync(long runId, CoherenceCheck coherence, RecommendationSummary recommendations, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var asOf = await connection.ExecuteScalarAsync<DateTime>(new CommandDefinition("SELECT as_of FROM forecast_runs WHERE id = @runId", new { runId }, cancellationToken: cancellationToken));
        var levels = (await connection.QueryAsync<(string Level, int Series, int Failed, double? MeanMase, double? MedianMase, double? MeanSmape)>(new CommandDefinition("""
            SELECT level, count(*)::int, count(*) FILTER (WHERE state <> 'forecast')::int, avg(mase), percentile_cont(0.5) WITHIN GROUP (ORDER BY mase), avg(smape)
              FROM forecast_series WHERE run_id = @runId GROUP BY level
            """, new { runId }, cancellationToken: cancellationToken))).ToList();
        var models = (await connection.QueryAsync<(string Level, string Model, int Count)>(new CommandDefinition("""
            SELECT level, model, count(*)::int FROM forecast_series WHERE run_id = @runId AND model IS NOT NULL GROUP BY level, model
            """, new { runId }, cancellationToken: cancellationToken))).ToList();
        var byLevel = SeriesLevels.All
            .Select(level => levels.FirstOrDefault(l => l.Level == level) is { Level: not null } l
                ? new LevelAccuracy(level, l.Series, l.Failed, l.MeanMase, l.MedianMase, l.MeanSmape,
                    models.Where(m => m.Level == level).OrderByDescending(m => m.Count).ToDictionary(m => m.Model, m => m.Count))
                : new LevelAccuracy(level, 0, 0, null, null, null, new Dictionary<string, int>()))
            .ToList();
        return new ForecastRunSummary(runId, DateOnly.FromDateTime(asOf), byLevel.Sum(l => l.Series), byLevel, coherence, recommendations);
    }
}
