using Dapper;
using Npgsql;

namespace GoldAnalytics.Data.Kpis;

/// <summary>
/// Keeps the daily rollups in step with the lines: rebuilds whole dirty days (bulk loads, repairs)
/// and, for ordinary writes, only the dirty (day, branch) cells of the source that changed.
/// </summary>
public sealed class KpiRollups(NpgsqlDataSource dataSource)
{
    // One refresher at a time; a second caller waits and then finds nothing left to do.
    private const long RefreshLockKey = 0x601D_A7A1_0020;

    /// <summary>
    /// Dirty days (and at least a third of all days with numbers) from which a refresh rebuilds every
    /// rollup set-based instead of cell by cell: an import of half a year of sales or more.
    /// </summary>
    /// <remarks>
    /// Measured on the 10M-line shop (<c>goldanalytics-bench kpis-rebuild --calibrate-days</c>): the
    /// cell-by-cell refresh of an import of the latest 365 of 1,096 days took about as long as the
    /// full rebuild (two sessions), 180 days half as long. Both grow with the days they cover, so the
    /// crossover is a share of the shop's history rather than a number of days.
    /// </remarks>
    public const int RebuildFromDirtyDays = 180;

    private static readonly Dictionary<string, Func<RollupScope, IReadOnlyList<string>>> Sources = new()
    {
        ["sales"] = RollupSql.Sales,
        ["stock"] = RollupSql.Stock,
        ["expenses"] = RollupSql.Expenses,
    };

    /// <summary>
    /// Rebuilds the rollups of every dirty day and cell; returns the days touched. From
    /// <see cref="RebuildFromDirtyDays"/> dirty days it rebuilds everything set-based instead.
    /// </summary>
    public async Task<IReadOnlyList<DateOnly>> RefreshDirtyAsync(CancellationToken cancellationToken = default)
    {
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            var (dirty, known) = await connection.QuerySingleAsync<(long Dirty, long Known)>(new CommandDefinition(CountDirtyDays, cancellationToken: cancellationToken));
            if (dirty >= RebuildFromDirtyDays && dirty * 3 >= known)
            {
                // An import of months or years of sales: one set-based pass is much cheaper than rebuilding them cell by cell.
                // A refresher that waited for another's rebuild finds the marks consumed and rebuilds nothing.
                var dirtyDays = await connection.QueryAsync<DateTime>(new CommandDefinition(DirtyDays, cancellationToken: cancellationToken));
                var rebuilt = await RollupRebuild.RunAsync(dataSource, RefreshLockKey, sessions: 2, onlyIfDirty: true, cancellationToken);
                return rebuilt is null ? [] : [.. dirtyDays.Select(DateOnly.FromDateTime)];
            }
        }

        return await RefreshDirtyCellsAsync(cancellationToken);
    }

    /// <summary>Rebuilds the rollups of every dirty day and cell one by one, however many; returns the days touched.</summary>
    /// <remarks>Three round trips whatever the number of statements: lock and take the marks, rebuild (one batch), commit.</remarks>
    public async Task<IReadOnlyList<DateOnly>> RefreshDirtyCellsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (days, cells) = await TakeMarksAsync(connection, transaction, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction) { Timeout = 0 };
        if (days.Length > 0)
        {
            foreach (var steps in Sources.Values)
            {
                Add(batch, steps(RollupScope.Days), days, null);
            }
        }

        // Cells of whole days just rebuilt are already done.
        var wholeDays = days.ToHashSet();
        foreach (var group in cells.Where(c => !wholeDays.Contains(c.Day)).GroupBy(c => c.Source))
        {
            var ordered = group.OrderBy(c => c.Day).ThenBy(c => c.BranchId).ToList();
            Add(batch, Sources[group.Key](RollupScope.Cells), [.. ordered.Select(c => c.Day)], [.. ordered.Select(c => c.BranchId)]);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return [.. days.Concat(cells.Select(c => c.Day)).Distinct().Order()];
    }

    private static async Task<(DateOnly[] Days, List<(DateOnly Day, int BranchId, string Source)> Cells)> TakeMarksAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)") { Parameters = { new NpgsqlParameter<long> { TypedValue = RefreshLockKey } } },

                // Writers add new sales to the rollups under this row's lock: no write lands while cells are rebuilt.
                new NpgsqlBatchCommand("SELECT version FROM kpi_data_version WHERE id = 1 FOR UPDATE"),
                new NpgsqlBatchCommand("DELETE FROM kpi_dirty_days RETURNING day"),
                new NpgsqlBatchCommand("DELETE FROM kpi_dirty_cells RETURNING day, branch_id, source"),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var days = new List<DateOnly>();
        var cells = new List<(DateOnly, int, string)>();
        await reader.NextResultAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add(reader.GetFieldValue<DateOnly>(0));
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            cells.Add((reader.GetFieldValue<DateOnly>(0), reader.GetInt32(1), reader.GetString(2)));
        }

        return ([.. days.Order()], cells);
    }

    /// <summary>True when some day's rollups are behind (cheap: two index probes).</summary>
    public async Task<bool> HasDirtyDaysAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM kpi_dirty_days) OR EXISTS (SELECT 1 FROM kpi_dirty_cells)", cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Rebuilds every rollup from the lines, set-based (after a bulk load, an import of years of
    /// sales, or to repair): every day is stamped changed, every mark consumed. One session makes it
    /// one transaction; more rebuild groups of rollup tables side by side, each in its own.
    /// </summary>
    public async Task<RollupRebuildSummary> RebuildAllAsync(int sessions = 2, CancellationToken cancellationToken = default) =>
        (await RollupRebuild.RunAsync(dataSource, RefreshLockKey, sessions, onlyIfDirty: false, cancellationToken))!;

    /// <summary>Marks every day with data dirty, for <see cref="RefreshDirtyCellsAsync"/> to rebuild day by day (the path the set-based rebuild replaces; kept to compare them).</summary>
    public async Task MarkEveryDayDirtyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(MarkEveryDay, cancellationToken: cancellationToken, commandTimeout: 0));
    }

    private static void Add(NpgsqlBatch batch, IReadOnlyList<string> steps, DateOnly[] days, int[]? branches)
    {
        foreach (var sql in steps)
        {
#pragma warning disable CA2100 // fixed statements from RollupSql; the days and branches are parameters
            var command = new NpgsqlBatchCommand(sql);
#pragma warning restore CA2100
            command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("days", days));
            if (branches is not null)
            {
                command.Parameters.Add(new NpgsqlParameter<int[]>("branches", branches));
            }

            batch.BatchCommands.Add(command);
        }
    }

    private const string CountDirtyDays = """
        SELECT (SELECT count(*) FROM (SELECT day FROM kpi_dirty_days UNION SELECT day FROM kpi_dirty_cells) d),
               (SELECT count(*) FROM kpi_day_versions)
        """;

    private const string DirtyDays = "SELECT day FROM kpi_dirty_days UNION SELECT day FROM kpi_dirty_cells ORDER BY day";

    private const string MarkEveryDay = """
        SELECT kpi_mark_days(ARRAY(
            SELECT DISTINCT business_date FROM invoice_lines
            UNION SELECT business_date FROM refunds
            UNION SELECT business_date FROM stock_movements
            UNION SELECT business_date FROM expenses))
        """;
}
