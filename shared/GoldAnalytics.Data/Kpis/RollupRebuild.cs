using System.Diagnostics;
using Dapper;
using GoldAnalytics.Data.Kpis.Rebuild;
using Npgsql;

namespace GoldAnalytics.Data.Kpis;

/// <summary>One timed step of a full rollup rebuild; steps of different sessions overlap.</summary>
public sealed record RollupRebuildStep(string Name, TimeSpan Elapsed);

/// <summary>What a full rollup rebuild did: its steps, the rows of each rollup, the calendar months read, the sessions used.</summary>
public sealed record RollupRebuildSummary(IReadOnlyList<RollupRebuildStep> Steps, IReadOnlyDictionary<string, long> Rows, int Months, int Sessions, TimeSpan Elapsed);

/// <summary>
/// Rebuilds every rollup from the lines, set-based, into empty shadow tables beside the live ones:
/// sessions take calendar months from one queue, read each month's facts once and sum them in memory
/// into every shadow rollup, then build the shadows' keys and secondary indexes index by index; the
/// coordinating transaction swaps the shadows in. It holds the refresh lock and the version row from start to end, so writers
/// and refreshes wait and no number changes underneath, and the dashboard reads the old rollups until
/// the swap commits; the marks are consumed with it. A failed rebuild leaves the rollups as they were.
/// </summary>
internal static class RollupRebuild
{
    /// <summary>Rebuilds everything; with <paramref name="onlyIfDirty"/>, nothing (null) when another refresher consumed every mark meanwhile.</summary>
    public static async Task<RollupRebuildSummary?> RunAsync(NpgsqlDataSource dataSource, long lockKey, int sessions, bool onlyIfDirty, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        sessions = Math.Max(1, sessions);
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
        var shadows = await RollupShadowTables.CreateAsync(dataSource, RollupRebuildSql.Tables, cancellationToken);
        steps.Add(new("lock the refresh and the version row, find the months, create the shadow tables", clock.Elapsed));
        try
        {
            var lap = Stopwatch.StartNew();
            var (fills, firstPurchases) = await FillMonthsAsync(dataSource, months, sessions, cancellationToken);
            steps.AddRange(fills.Select((elapsed, session) => new RollupRebuildStep($"session {session + 1}: months of every rollup, summed in memory", elapsed)));
            steps.Add(new($"{months.Count} months in {sessions} session(s)", lap.Elapsed));

            lap.Restart();
            await CopyFirstPurchasesAsync(dataSource, firstPurchases, cancellationToken);
            steps.Add(new($"first purchases of {firstPurchases.Count:N0} customers", lap.Elapsed));

            lap.Restart();
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = sessions, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(shadows.IndexJobs(RollupRebuildSql.Completions), parallel, async (job, ct) => await RunInOwnTransactionAsync(dataSource, job, ct));
            steps.Add(new("expenses, keys' and secondary indexes", lap.Elapsed));

            lap.Restart();
            await Parallel.ForEachAsync(shadows.KeyJobs(), parallel, async (job, ct) => await RunInOwnTransactionAsync(dataSource, job, ct));
            steps.Add(new("keys from their indexes, analyze", lap.Elapsed));

            lap.Restart();
            await shadows.SwapInAsync(connection, transaction, cancellationToken);
            await ExecuteAsync(connection, transaction, RollupRebuildSql.StampDays, null, cancellationToken);
            var rows = (await connection.QueryAsync<(string Table, long Rows)>(new CommandDefinition(
                RollupRebuildSql.RowCounts, transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken))).ToDictionary(r => r.Table, r => r.Rows);
            await transaction.CommitAsync(cancellationToken);
            steps.Add(new("swap the rollups in, stamp every day changed, count rows, commit", lap.Elapsed));
            return new RollupRebuildSummary(steps, rows, months.Count, sessions, clock.Elapsed);
        }
        catch
        {
            // Rolled back, a failed swap included, the shadows are only shadows again and the rollups stand as they were.
            await transaction.DisposeAsync();
            await RollupShadowTables.DropAsync(dataSource, RollupRebuildSql.Tables, CancellationToken.None);
            throw;
        }
    }

    // Each session takes the next month until none is left and keeps its customers' earliest purchases;
    // returns how long each session filled, and the earliest purchase of every customer.
    private static async Task<(TimeSpan[] Elapsed, Dictionary<long, FirstPurchase> FirstPurchases)> FillMonthsAsync(
        NpgsqlDataSource dataSource, List<(DateTime From, DateTime To)> months, int sessions, CancellationToken cancellationToken)
    {
        var next = -1;
        var elapsed = new TimeSpan[sessions];
        var firstPurchases = new Dictionary<long, FirstPurchase>[sessions];
        await Parallel.ForEachAsync(Enumerable.Range(0, sessions), new ParallelOptions { MaxDegreeOfParallelism = sessions, CancellationToken = cancellationToken },
            async (session, ct) =>
            {
                var clock = Stopwatch.StartNew();
                var earliest = firstPurchases[session] = [];
                var facts = new List<SalesFact>();
                var categories = new CategoryNames();
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await ExecuteAsync(connection, transaction, RollupRebuildSql.Settings, null, ct);
                for (var i = Interlocked.Increment(ref next); i < months.Count; i = Interlocked.Increment(ref next))
                {
                    await MonthFill.RunAsync(connection, months[i].From, months[i].To, facts, categories, earliest, ct);
                }

                await transaction.CommitAsync(ct);
                elapsed[session] = clock.Elapsed;
            });

        var merged = firstPurchases[0];
        foreach (var (customer, purchase) in firstPurchases.Skip(1).SelectMany(p => p))
        {
            FirstPurchase.KeepEarliest(merged, customer, purchase);
        }

        return (elapsed, merged);
    }

    private static async Task CopyFirstPurchasesAsync(NpgsqlDataSource dataSource, Dictionary<long, FirstPurchase> firstPurchases, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await MonthFill.CopyFirstPurchasesAsync(connection, firstPurchases, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task RunInOwnTransactionAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Sorts for the index builds stay in memory; the jobs already run side by side, one a core.
        await ExecuteAsync(connection, transaction, "SET LOCAL maintenance_work_mem = '512MB'; SET LOCAL work_mem = '256MB'; SET LOCAL max_parallel_maintenance_workers = 0", null, cancellationToken);
        foreach (var statement in statements)
        {
            await ExecuteAsync(connection, transaction, statement, null, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
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
