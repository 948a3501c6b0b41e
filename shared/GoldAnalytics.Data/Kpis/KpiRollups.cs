using Dapper;
using Npgsql;

namespace GoldAnalytics.Data.Kpis;

/// <summary>Keeps the daily rollups in step with the lines: rebuilds every dirty day in one transaction.</summary>
public sealed class KpiRollups(NpgsqlDataSource dataSource)
{
    // One refresher at a time; a second caller waits and then finds nothing left to do.
    private const long RefreshLockKey = 0x601D_A7A1_0020;

    /// <summary>Rebuilds the rollups of every dirty day; returns the days rebuilt.</summary>
    public async Task<IReadOnlyList<DateOnly>> RefreshDirtyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = RefreshLockKey }, transaction, cancellationToken: cancellationToken));
        var days = (await connection.QueryAsync<DateTime>(new CommandDefinition(
            "DELETE FROM kpi_dirty_days RETURNING day", transaction: transaction, cancellationToken: cancellationToken)))
            .Select(DateOnly.FromDateTime).Order().ToArray();
        if (days.Length > 0)
        {
            await RebuildDaysAsync(connection, transaction, days, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return days;
    }

    /// <summary>True when some day's rollups are behind (cheap: one index probe).</summary>
    public async Task<bool> HasDirtyDaysAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM kpi_dirty_days)", cancellationToken: cancellationToken));
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

    private static async Task RebuildDaysAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly[] days, CancellationToken cancellationToken)
    {
        foreach (var sql in RollupSql.RebuildSteps)
        {
#pragma warning disable CA2100 // fixed statements from RollupSql; the days are a parameter

            await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
#pragma warning restore CA2100
            command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("days", days));
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
