using System.Diagnostics;
using Dapper;
using GoldAnalytics.Data.DemoData.Loading;
using Npgsql;

namespace GoldAnalytics.Data.Kpis;

/// <summary>One timed step of a full rollup rebuild; steps of different sessions overlap.</summary>
public sealed record RollupRebuildStep(string Name, TimeSpan Elapsed);

/// <summary>What a full rollup rebuild did: its steps, the rows of each rollup, the calendar months read, the sessions used.</summary>
public sealed record RollupRebuildSummary(IReadOnlyList<RollupRebuildStep> Steps, IReadOnlyDictionary<string, long> Rows, int Months, int Sessions, TimeSpan Elapsed);

/// <summary>
/// Rebuilds every rollup from the lines, set-based: empty the tables, drop their secondary indexes,
/// read each calendar month once per group of rollups, rebuild the indexes. With one session all of
/// it is one transaction. With more, each group of tables (sales and invoices; products, customers
/// and first purchases; stock and expenses) is rebuilt in its own session and transaction, while the
/// coordinating transaction holds the refresh lock and the version row from start to end: writers
/// and refreshes wait, so no number changes underneath, and the marks are consumed when it commits.
/// </summary>
internal static class RollupRebuild
{
    private sealed record TableGroup(string Name, string[] Tables, string? MonthSql, bool WithStock);

    // The heaviest group first, so the stock group fills the session the lighter one frees.
    private static readonly TableGroup[] Groups =
    [
        new("product, customer rollups and first purchases", ["product_daily", "customer_daily", "customer_first_purchase"], RollupRebuildSql.ProductsCustomersMonth, false),
        new("sales and invoice rollups", ["sales_daily", "invoice_daily"], RollupRebuildSql.SalesInvoicesMonth, false),
        new("stock and expense rollups", ["stock_daily", "expense_daily"], null, true),
    ];

    private static readonly TableGroup Everything = new("all rollups", [.. RollupRebuildSql.Tables], RollupRebuildSql.SalesMonth, true);

    /// <summary>Rebuilds everything; with <paramref name="onlyIfDirty"/>, nothing (null) when another refresher consumed every mark meanwhile.</summary>
    public static async Task<RollupRebuildSummary?> RunAsync(NpgsqlDataSource dataSource, long lockKey, int sessions, bool onlyIfDirty, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var steps = new List<RollupRebuildStep>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, RollupRebuildSql.Lock, new { lockKey }, cancellationToken);
        var marks = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            RollupRebuildSql.ConsumeMarks, transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));
        if (onlyIfDirty && marks == 0)
        {
            return null;
        }

        var months = await MonthsAsync(connection, transaction, cancellationToken);
        steps.Add(new("lock the refresh and the version row, find the months", clock.Elapsed));

        if (sessions <= 1)
        {
            steps.AddRange(await RebuildAsync(connection, transaction, Everything, months, cancellationToken));
        }
        else
        {
            var groupSteps = new List<RollupRebuildStep>[Groups.Length];
            await Parallel.ForEachAsync(Enumerable.Range(0, Groups.Length), new ParallelOptions { MaxDegreeOfParallelism = sessions, CancellationToken = cancellationToken },
                async (i, ct) => groupSteps[i] = await RebuildInOwnTransactionAsync(dataSource, Groups[i], months, ct));
            steps.AddRange(groupSteps.SelectMany(s => s));
        }

        var lap = Stopwatch.StartNew();
        await ExecuteAsync(connection, transaction, RollupRebuildSql.StampDays, null, cancellationToken);
        var rows = (await connection.QueryAsync<(string Table, long Rows)>(new CommandDefinition(
            RollupRebuildSql.RowCounts, transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken))).ToDictionary(r => r.Table, r => r.Rows);
        await transaction.CommitAsync(cancellationToken);
        steps.Add(new("stamp every day changed, count rows, commit", lap.Elapsed));
        return new RollupRebuildSummary(steps, rows, months.Count, Math.Max(1, sessions), clock.Elapsed);
    }

    private static async Task<List<RollupRebuildStep>> RebuildInOwnTransactionAsync(
        NpgsqlDataSource dataSource, TableGroup group, List<(DateTime From, DateTime To)> months, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var steps = await RebuildAsync(connection, transaction, group, months, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return steps;
    }

    private static async Task<List<RollupRebuildStep>> RebuildAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, TableGroup group, List<(DateTime From, DateTime To)> months, CancellationToken cancellationToken)
    {
        var lap = Stopwatch.StartNew();
        await ExecuteAsync(connection, transaction, RollupRebuildSql.Settings, null, cancellationToken);
        await ExecuteAsync(connection, transaction, $"TRUNCATE {string.Join(", ", group.Tables)}", null, cancellationToken);
        var indexes = await DeferredIndexes.DropAsync(connection, transaction, group.Tables, cancellationToken);
        foreach (var (from, to) in months)
        {
            if (group.MonthSql is not null)
            {
                await ExecuteAsync(connection, transaction, group.MonthSql, new { from, to }, cancellationToken);
            }

            if (group.WithStock)
            {
                await ExecuteAsync(connection, transaction, RollupRebuildSql.StockMonth, new { from, to }, cancellationToken);
            }
        }

        if (group.WithStock)
        {
            await ExecuteAsync(connection, transaction, RollupRebuildSql.Expenses, null, cancellationToken);
        }

        var filled = lap.Elapsed;
        await indexes.RebuildAsync(connection, transaction, null, cancellationToken);
        await ExecuteAsync(connection, transaction, $"ANALYZE {string.Join(", ", group.Tables)}", null, cancellationToken);
        return
        [
            new($"{group.Name}: {months.Count} months", filled),
            new($"{group.Name}: {indexes.Count} secondary indexes, analyze", lap.Elapsed - filled),
        ];
    }

    // Calendar months from the first to the last business day of any source; none for an empty shop.
    private static async Task<List<(DateTime From, DateTime To)>> MonthsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var (first, last) = await connection.QuerySingleAsync<(DateTime? First, DateTime? Last)>(new CommandDefinition(
            RollupRebuildSql.Bounds, transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));
        var months = new List<(DateTime, DateTime)>();
        if (first is null || last is null)
        {
            return months;
        }

        for (var month = new DateTime(first.Value.Year, first.Value.Month, 1, 0, 0, 0, DateTimeKind.Unspecified); month <= last.Value; month = month.AddMonths(1))
        {
            months.Add((month, month.AddMonths(1)));
        }

        return months;
    }

    private static Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object? parameters, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, commandTimeout: 0, cancellationToken: cancellationToken));
}
