using Dapper;
using GoldAnalytics.Domain.Forecasting.Intermittent;
using GoldAnalytics.Domain.Stock.Policy;
using Npgsql;

namespace GoldAnalytics.Data.Stock;

/// <summary>A run's policy for one SKU × branch: its target group and fill rate, weekly history (oldest first), policy and lead time.</summary>
public sealed record SeriesPolicy(string SeriesKey, string Group, double TargetFillRate, double[] History, ReorderPolicy Policy, LeadTime LeadTime);

/// <summary>What the recommendation reads of a run: its SKU × branch series with their forecasts, product settings and lead times as of its date.</summary>
internal sealed record RunInputs(IReadOnlyList<BottomRow> Series, IReadOnlyDictionary<int, ProductReorderSettings> Settings, Dictionary<(int, int?), LeadTimeStatistics> LeadTimes)
{
    public static async Task<RunInputs> LoadAsync(NpgsqlConnection connection, long runId, CancellationToken cancellationToken)
    {
        var asOf = DateOnly.FromDateTime(await connection.ExecuteScalarAsync<DateTime>(new CommandDefinition(
            "SELECT as_of FROM forecast_runs WHERE id = @runId", new { runId }, cancellationToken: cancellationToken)));
        var series = await connection.QueryAsync<BottomRow>(new CommandDefinition("""
            SELECT s.product_id AS ProductId, s.branch_id AS BranchId, s.series_key AS SeriesKey, s.history AS History,
                   coalesce(s.backtest_errors, '{}') AS Errors, s.demand_pattern AS Pattern, coalesce(avg(greatest(p.forecast, 0)), 0) AS WeeklyForecast
              FROM forecast_series s
              LEFT JOIN forecast_points p ON p.run_id = s.run_id AND p.level = s.level AND p.series_key = s.series_key
             WHERE s.run_id = @runId AND s.level = 'sku_branch'
             GROUP BY s.product_id, s.branch_id, s.series_key, s.history, s.backtest_errors, s.demand_pattern
             ORDER BY s.series_key
            """, new { runId }, cancellationToken: cancellationToken, commandTimeout: 0));
        var settings = await StockInputs.SettingsAsync(connection, asOf, cancellationToken);
        var leadTimes = (await StockInputs.LeadTimesAsync(connection, asOf, cancellationToken)).ToDictionary(l => (l.ProductId, l.BranchId));
        return new RunInputs([.. series], settings, leadTimes);
    }
}

/// <summary>One series sized: the inputs of its policy and the policy.</summary>
internal sealed record SizedSeries(
    BottomRow Series, ProductReorderSettings Product, DemandProfile Demand, ReorderSettings Settings, LeadTime Lead, string LeadSource, int LeadSamples,
    DemandPattern Pattern, ReorderPolicy Policy, string Group, double TargetFillRate);
