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

    private static readonly Dictionary<string, Func<RollupScope, IReadOnlyList<string>>> Sources = new()
    {
        ["sales"] = RollupSql.Sales,
        ["stock"] = RollupSql.Stock,
        ["expenses"] = RollupSql.Expenses,
    };

    /// <summary>Rebuilds the rollups of every dirty day and cell; returns the days touched.</summary>
    public async Task<IReadOnlyList<DateOnly>> RefreshDirtyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = RefreshLockKey }, transaction, cancellationToken: cancellationToken));
        var days = (await connection.QueryAsync<DateTime>(new CommandDefinition(
            "DELETE FROM kpi_dirty_days RETURNING day", transaction: transaction, cancellationToken: cancellationToken)))
            .Select(DateOnly.FromDateTime).Order().ToArray();
        var cells = (await connection.QueryAsync<(DateTime Day, int BranchId, string Source)>(new CommandDefinition(
            "DELETE FROM kpi_dirty_cells RETURNING day, branch_id, source", transaction: transaction, cancellationToken: cancellationToken)))
            .Select(c => (Day: DateOnly.FromDateTime(c.Day), c.BranchId, c.Source))
            .ToList();
        if (days.Length > 0)
        {
            foreach (var steps in Sources.Values)
            {
                await ExecuteAsync(connection, transaction, steps(RollupScope.Days), days, null, cancellationToken);
            }
        }

        // Cells of whole days just rebuilt are already done.
        var wholeDays = days.ToHashSet();
        foreach (var group in cells.Where(c => !wholeDays.Contains(c.Day)).GroupBy(c => c.Source))
        {
            var ordered = group.OrderBy(c => c.Day).ThenBy(c => c.BranchId).ToList();
            await ExecuteAsync(connection, transaction, Sources[group.Key](RollupScope.Cells),
                [.. ordered.Select(c => c.Day)], [.. ordered.Select(c => c.BranchId)], cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return [.. days.Concat(cells.Select(c => c.Day)).Distinct().Order()];
    }

    /// <summary>True when some day's rollups are behind (cheap: two index probes).</summary>
    public async Task<bool> HasDirtyDaysAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM kpi_dirty_days) OR EXISTS (SELECT 1 FROM kpi_dirty_cells)", cancellationToken: cancellationToken));
    }

    /// <summary>Marks every day with data dirty and rebuilds all rollups (after a bulk load without triggers, or to repair).</summary>
    public async Task<int> RebuildAllAsync(CancellationToken cancellationToken = default)
    {
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(MarkEveryDay, cancellationToken: cancellationToken, commandTimeout: 0));
        }

        return (await RefreshDirtyAsync(cancellationToken)).Count;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> steps, DateOnly[] days, int[]? branches, CancellationToken cancellationToken)
    {
        foreach (var sql in steps)
        {
#pragma warning disable CA2100 // fixed statements from RollupSql; the days and branches are parameters
            await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
#pragma warning restore CA2100
            command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("days", days));
            if (branches is not null)
            {
                command.Parameters.Add(new NpgsqlParameter<int[]>("branches", branches));
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private const string MarkEveryDay = """
        SELECT kpi_mark_days(ARRAY(
            SELECT DISTINCT business_date FROM invoice_lines
            UNION SELECT business_date FROM refunds
            UNION SELECT business_date FROM stock_movements
            UNION SELECT business_date FROM expenses))
        """;
}
