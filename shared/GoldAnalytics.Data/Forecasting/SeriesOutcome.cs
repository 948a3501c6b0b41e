using GoldAnalytics.Domain.Forecasting.Selection;
using Npgsql;
using NpgsqlTypes;

namespace GoldAnalytics.Data.Forecasting;

/// <summary>A back-test score as stored with the runners-up.</summary>
public sealed record StoredScore(string Model, double? Mase, double? Smape);

/// <summary>The seasonality analysis as stored.</summary>
public sealed record StoredSeasonality(int SeasonalPeriod, double? TrendStrength, double? SeasonalStrength, bool IsSeasonal, IReadOnlyList<int> DominantPeriods);

/// <summary>One forecast week of a series as written by a batch.</summary>
internal sealed record PointRow(string Level, string Key, int Step, DateOnly Week, double Base, double Lower80, double Upper80, double Lower95, double Upper95);

/// <summary>The automatic forecaster's result for one series (or why it failed), turned into rows.</summary>
internal sealed record SeriesOutcome(string Level, string Key, ForecastResult? Result, string? Failure)
{
    public static SeriesOutcome Of(string level, string key, ForecastResult result) => new(level, key, result, null);

    public static SeriesOutcome Failed(string level, string key, string reason) => new(level, key, null, reason);

    public NpgsqlBatchCommand UpdateCommand(long runId)
    {
        var command = new NpgsqlBatchCommand("""
            UPDATE forecast_series
               SET state = $3, model = $4, specification = $5, mase = $6, smape = $7, backtest_origins = $8, backtest_errors = $9,
                   runners_up = $10::jsonb, seasonality = $11::jsonb, demand_pattern = $12, adi = $13, cv2 = $14, notes = $15, failure = $16
             WHERE run_id = $1 AND level = $2 AND series_key = $17
            """);
        var r = Result;
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = runId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Level });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r is null ? "failed" : "forecast" });
        command.Parameters.Add(Nullable(r?.Model, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(r?.Specification, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(Finite(r?.Accuracy?.Mase), NpgsqlDbType.Double));
        command.Parameters.Add(Nullable(Finite(r?.Accuracy?.Smape), NpgsqlDbType.Double));
        command.Parameters.Add(Nullable(r?.Accuracy?.Origins, NpgsqlDbType.Integer));
        command.Parameters.Add(Nullable(r?.BacktestErrors.Where(double.IsFinite).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double));
        command.Parameters.Add(Nullable(r is null ? null : ForecastJson.Serialize(r.RunnersUp.Select(s => new StoredScore(s.Model, Finite(s.Mase), Finite(s.Smape)))), NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(r is null ? null : ForecastJson.Serialize(new StoredSeasonality(
            r.Seasonality.SeasonalPeriod, Finite(r.Seasonality.TrendStrength), Finite(r.Seasonality.SeasonalStrength), r.Seasonality.IsSeasonal, r.Seasonality.DominantPeriods)), NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(r is null ? null : DemandPatterns.Name(r.Demand.Pattern), NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(Finite(r?.Demand.AverageDemandInterval), NpgsqlDbType.Double));
        command.Parameters.Add(Nullable(Finite(r?.Demand.SquaredCoefficientOfVariation), NpgsqlDbType.Double));
        command.Parameters.Add(Nullable(r?.Notes.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(Failure, NpgsqlDbType.Text));
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Key });
        return command;
    }

    public IEnumerable<PointRow> Points(DateOnly firstWeek)
    {
        var r = Result!;
        var i80 = r.Intervals.First(i => Math.Abs(i.Level - 80) < 1e-9);
        var i95 = r.Intervals.First(i => Math.Abs(i.Level - 95) < 1e-9);
        for (var h = 0; h < r.Point.Count; h++)
        {
            yield return new PointRow(Level, Key, h + 1, firstWeek.AddDays(7 * h), r.Point[h], i80.Lower[h], i80.Upper[h], i95.Lower[h], i95.Upper[h]);
        }
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}

/// <summary>Stored names of the demand patterns (smooth, erratic, intermittent, lumpy, no_demand).</summary>
public static class DemandPatterns
{
    public static IReadOnlyList<string> All { get; } = ["smooth", "erratic", "intermittent", "lumpy", "no_demand"];

    public static string Name(GoldAnalytics.Domain.Forecasting.Intermittent.DemandPattern pattern) => pattern switch
    {
        GoldAnalytics.Domain.Forecasting.Intermittent.DemandPattern.NoDemand => "no_demand",
        _ => pattern.ToString().ToLowerInvariant(),
    };

    /// <summary>The pattern of a stored name; null for none (a series the models failed on).</summary>
    public static GoldAnalytics.Domain.Forecasting.Intermittent.DemandPattern? Of(string? name) => name switch
    {
        null => null,
        "no_demand" => GoldAnalytics.Domain.Forecasting.Intermittent.DemandPattern.NoDemand,
        _ => Enum.Parse<GoldAnalytics.Domain.Forecasting.Intermittent.DemandPattern>(name, ignoreCase: true),
    };
}
