using Dapper;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Reports;

/// <summary>What one run of the period reports did; a full rebuild also says how its rollup rebuild went.</summary>
public sealed record ReportRunSummary(int RollupDaysRebuilt, int PeriodsRecomputed, TimeSpan Elapsed, RollupRebuildSummary? RollupRebuild = null);

/// <summary>
/// Writes the period reports: finds the periods whose days changed, and rewrites each one (all
/// scopes and its KPI snapshots) in its own transaction from the rollups. The nightly orchestration
/// calls <see cref="PrepareAsync"/> once, then <see cref="RecomputeAsync"/> per batch of periods (one grain, one year) in parallel,
/// stage by stage: days, then weeks and months (from days), then quarters and years (from months).
/// </summary>
public sealed class PeriodReports(NpgsqlDataSource dataSource, KpiRollups rollups)
{
    /// <summary>The grains with KPI snapshots.</summary>
    public static IReadOnlySet<PeriodGrain> SnapshotGrains { get; } = new HashSet<PeriodGrain> { PeriodGrain.Day, PeriodGrain.Month };

    /// <summary>Brings the rollups up to date and turns changed days into dirty periods of every grain; returns the dirty periods.</summary>
    public async Task<IReadOnlyList<Period>> PrepareAsync(CancellationToken cancellationToken = default)
    {
        await rollups.RefreshDirtyAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(MarkDirtyPeriods, cancellationToken: cancellationToken, commandTimeout: 0));
        return await DirtyPeriodsAsync(connection, cancellationToken);
    }

    /// <summary>
    /// A full rebuild: rebuilds every rollup from the lines (set-based), then marks every period from
    /// the first to the last day with data dirty and returns them.
    /// </summary>
    public async Task<IReadOnlyList<Period>> PrepareFullRebuildAsync(CancellationToken cancellationToken = default)
    {
        // The rebuild marks every day with numbers for the reports.
        await rollups.RebuildAllAsync(cancellationToken: cancellationToken);
        return await PrepareAsync(cancellationToken);
    }

    /// <summary>
    /// Rewrites a batch of periods of one grain (all scopes and their KPI snapshots) and clears their
    /// dirty marks, in one transaction: set-based SQL over the rollups, one statement per scope.
    /// </summary>
    public async Task RecomputeAsync(PeriodBatch batch, CancellationToken cancellationToken = default)
    {
        if (batch.Starts.Count == 0)
        {
            return;
        }

        var periods = batch.Periods;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT version FROM kpi_data_version", transaction: transaction, cancellationToken: cancellationToken));
        foreach (var sql in PeriodReportSql.Rewrite(batch.Grain))
        {
            await ExecuteAsync(connection, transaction, sql, batch, periods, version, cancellationToken);
        }

        if (SnapshotGrains.Contains(batch.Grain))
        {
            await ExecuteAsync(connection, transaction, PeriodReportSql.DeleteSnapshots, batch, periods, version, cancellationToken);
            await KpiSnapshots.WriteAsync(connection, transaction, batch, version, cancellationToken);
        }

        await ExecuteAsync(connection, transaction, PeriodReportSql.ClearDirty, batch, periods, version, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The whole run without an orchestrator: prepare, then every dirty period with the given parallelism.</summary>
    public async Task<ReportRunSummary> RunAsync(bool fullRebuild = false, int parallelism = 4, CancellationToken cancellationToken = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rebuild = fullRebuild ? await rollups.RebuildAllAsync(cancellationToken: cancellationToken) : null;
        IReadOnlyList<DateOnly> dirtyDays = fullRebuild ? [] : await rollups.RefreshDirtyAsync(cancellationToken);
        var periods = await PrepareAsync(cancellationToken);
        foreach (var stage in PeriodBatch.Stages(periods))
        {
            await Parallel.ForEachAsync(stage, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                async (batch, ct) => await RecomputeAsync(batch, ct));
        }
        return new ReportRunSummary(dirtyDays.Count, periods.Count, clock.Elapsed, rebuild);
    }

    /// <summary>The name a grain has in the report tables.</summary>
    public static string GrainName(PeriodGrain grain) => grain.ToString().ToLowerInvariant();

    /// <summary>The grain of a name in the report tables.</summary>
    public static PeriodGrain ParseGrain(string name) => Enum.Parse<PeriodGrain>(name, ignoreCase: true);

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, PeriodBatch batch, IReadOnlyList<Period> periods, long version, CancellationToken cancellationToken)
    {
#pragma warning disable CA2100 // constant statements from PeriodReportSql; every value is a parameter
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
#pragma warning restore CA2100
        command.Parameters.Add(new NpgsqlParameter<string>("grain", GrainName(batch.Grain)));
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("starts", [.. batch.Starts]));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("from", periods.Min(p => p.Start)));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("to", periods.Max(p => p.End)));
        command.Parameters.Add(new NpgsqlParameter<long>("version", version));
        command.Parameters.Add(new NpgsqlParameter<string>("source", GrainName(PeriodReportSql.Source(batch.Grain))));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<Period>> DirtyPeriodsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string Grain, DateTime Start)>(new CommandDefinition(
            "SELECT grain, period_start FROM report_dirty_periods ORDER BY period_start, grain", cancellationToken: cancellationToken));
        return [.. rows.Select(r => new Period(ParseGrain(r.Grain), DateOnly.FromDateTime(r.Start)))];
    }

    // date_trunc('week') is the ISO week's Monday, as Period.Containing computes it.
    private const string MarkDirtyPeriods = """
        WITH days AS (DELETE FROM report_dirty_days RETURNING day)
        INSERT INTO report_dirty_periods (grain, period_start)
        SELECT DISTINCT g.grain, CASE g.grain WHEN 'day' THEN d.day ELSE date_trunc(g.grain, d.day::timestamp)::date END
          FROM days d CROSS JOIN (VALUES ('day'), ('week'), ('month'), ('quarter'), ('year')) AS g (grain)
        ON CONFLICT DO NOTHING
        """;
}
