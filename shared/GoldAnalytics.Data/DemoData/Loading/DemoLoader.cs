using System.Diagnostics;
using System.Threading.Channels;
using Dapper;
using GoldAnalytics.Data.BinaryCopy;
using GoldAnalytics.Data.Forecasting;
using Npgsql;

namespace GoldAnalytics.Data.DemoData.Loading;

/// <summary>How the loader treats secondary indexes and foreign keys.</summary>
public enum IndexStrategy
{
    /// <summary>Rebuild for loads of a hundred thousand invoice lines or more (about three times faster there), keep otherwise.</summary>
    Auto,

    /// <summary>Keep them and maintain them row by row.</summary>
    Keep,

    /// <summary>Drop them before copying and rebuild them afterwards.</summary>
    Rebuild,
}

/// <summary>Where a load is: the phase, the days generated and the rows copied.</summary>
public sealed record LoadProgress(string Phase, double Fraction, long Rows, long InvoiceLines, TimeSpan Elapsed);

/// <summary>What a load did and how long each part took.</summary>
public sealed record LoadSummary(IReadOnlyDictionary<string, long> RowsPerTable, bool IndexesRebuilt, TimeSpan Copy, TimeSpan Indexes, TimeSpan Finish)
{
    /// <summary>Rows copied over all tables.</summary>
    public long Rows => RowsPerTable.Values.Sum();

    /// <summary>The whole load.</summary>
    public TimeSpan Elapsed => Copy + Indexes + Finish;
}

/// <summary>
/// Loads the demo shop into an empty shop database with binary COPY, in one transaction: a failed
/// load leaves nothing behind. Generation runs on its own thread one chunk ahead of the copy.
/// </summary>
public sealed class DemoLoader(string connectionString)
{
    /// <summary>Estimated invoice lines from which <see cref="IndexStrategy.Auto"/> rebuilds indexes.</summary>
    public const long RebuildFromLines = 100_000;

    // Arbitrary but fixed: two loads into one database queue instead of racing.
    private const long LoadLockKey = 0x601D_A7A1_0002;

    /// <summary>Generates the profile's shop and copies it in; the demo tables must be empty.</summary>
    public async Task<LoadSummary> LoadAsync(DemoProfile profile, IndexStrategy strategy = IndexStrategy.Auto, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        (await LoadAsync(profile, strategy, progress, onlyWithoutInvoices: false, cancellationToken))!;

    /// <summary>Loads like <see cref="LoadAsync(DemoProfile, IndexStrategy, IProgress{LoadProgress}?, CancellationToken)"/> unless the shop already has invoices; then returns null.</summary>
    public Task<LoadSummary?> LoadIfNoInvoicesAsync(DemoProfile profile, IndexStrategy strategy = IndexStrategy.Auto, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        LoadAsync(profile, strategy, progress, onlyWithoutInvoices: true, cancellationToken);

    private async Task<LoadSummary?> LoadAsync(DemoProfile profile, IndexStrategy strategy, IProgress<LoadProgress>? progress, bool onlyWithoutInvoices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        profile.Validate();
        var tables = DemoTables.InLoadOrder.Select(t => t.Name).ToList();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        var clock = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = LoadLockKey }, transaction, cancellationToken: cancellationToken));
        if (onlyWithoutInvoices && await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM invoices)", transaction: transaction, cancellationToken: cancellationToken)))
        {
            return null;
        }

        await EnsureEmptyAsync(connection, transaction, tables, cancellationToken);
        var rebuild = strategy == IndexStrategy.Rebuild || (strategy == IndexStrategy.Auto && EstimatedLines(profile) >= RebuildFromLines);
        var deferred = rebuild ? await DeferredIndexes.DropAsync(connection, transaction, tables, cancellationToken) : null;

        var counts = await CopyAsync(connection, profile, progress, clock, cancellationToken);
        var copied = clock.Elapsed;
        var rows = counts.Values.Sum();
        var lines = counts["invoice_lines"];

        if (deferred is not null)
        {
            progress?.Report(new LoadProgress($"rebuilding {deferred.Count} indexes and foreign keys", 0, rows, lines, clock.Elapsed));
            await deferred.RebuildAsync(connection, transaction, done => progress?.Report(
                new LoadProgress($"rebuilding {deferred.Count} indexes and foreign keys", (double)done / deferred.Count, rows, lines, clock.Elapsed)), cancellationToken);
        }

        var indexed = clock.Elapsed;
        // The festivals the generator sold by become the shop's calendar, a year past the last sale for forecasting.
        await FestivalCalendar.SeedAsync(connection, transaction, ShopCalendar.Occurrences(profile.StartDate, profile.EndDate.AddYears(1)), cancellationToken);
        progress?.Report(new LoadProgress("settling loyalty tiers, sequences and statistics", 1, rows, lines, clock.Elapsed));
        await FinishAsync(connection, transaction, tables, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LoadSummary(counts, deferred is not null, copied, indexed - copied, clock.Elapsed - indexed);
    }

    /// <summary>Invoice lines the profile is expected to produce, within about 7% (490,000 at scale 1, 11.2 million at scale 25).</summary>
    public static long EstimatedLines(DemoProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return (long)(profile.InvoicesPerBranchDay * 3 * profile.Days * profile.Scale * 1.7);
    }

    private static async Task<Dictionary<string, long>> CopyAsync(NpgsqlConnection connection, DemoProfile profile, IProgress<LoadProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        var counts = DemoTables.InLoadOrder.ToDictionary(t => t.Name, _ => 0L);
        long rows = 0;
        var chunks = Channel.CreateBounded<DemoChunk>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var chunk in DemoGenerator.Generate(profile))
                {
                    await chunks.Writer.WriteAsync(chunk, stop.Token);
                }

                chunks.Writer.Complete();
            }
            catch (Exception e)
            {
                chunks.Writer.Complete(e);
            }
        }, stop.Token);

        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken))
            {
                foreach (var table in DemoTables.InLoadOrder)
                {
                    var tableRows = table.Rows(chunk);
                    if (tableRows.Count == 0)
                    {
                        continue;
                    }

                    CopyTable(connection, table, tableRows);
                    counts[table.Name] += tableRows.Count;
                    rows += tableRows.Count;
                }

                progress?.Report(new LoadProgress("loading", (double)chunk.DaysDone / chunk.DaysTotal, rows, counts["invoice_lines"], clock.Elapsed));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await producer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return counts;
    }

    // Synchronous on purpose: millions of tiny buffered writes, where an await per value costs more than the copy.
    // Rows are encoded by BinaryCopyWriter: a quarter less client CPU than NpgsqlBinaryImporter's per-value writes.
    private static void CopyTable(NpgsqlConnection connection, DemoTable table, IReadOnlyList<Rows.IDemoRow> rows)
    {
        var sql = $"COPY {table.Name} ({string.Join(", ", table.Columns)}) FROM STDIN (FORMAT BINARY)";
        using var stream = connection.BeginRawBinaryCopy(sql);
        using var writer = new BinaryCopyWriter(stream);
        writer.Begin();
        foreach (var row in rows)
        {
            writer.StartRow(table.Columns.Count);
            row.WriteTo(writer);
        }

        writer.End();
    }

    private static async Task EnsureEmptyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        var filled = new List<string>();
        foreach (var table in tables)
        {
            // Table names come from the fixed list of demo tables, never from input.
            if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition($"SELECT EXISTS (SELECT 1 FROM {table})", transaction: transaction, cancellationToken: cancellationToken)))
            {
                filled.Add(table);
            }
        }

        if (filled.Count > 0)
        {
            throw new InvalidOperationException(
                $"The demo data loads into an empty shop, but these tables already have rows: {string.Join(", ", filled)}. Use a fresh database (or --if-empty to skip when there are invoices).");
        }
    }

    private static async Task FinishAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(SettleTiers, transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));
        var identities = await connection.QueryAsync<string>(new CommandDefinition(IdentityTables, new { tables = tables.ToArray() }, transaction, cancellationToken: cancellationToken));
        foreach (var table in identities)
        {
            // Ids were copied as generated; identities must continue after them.
            await connection.ExecuteAsync(new CommandDefinition(
                $"SELECT setval(pg_get_serial_sequence(@table, 'id'), (SELECT coalesce(max(id), 0) + 1 FROM {table}), false)",
                new { table }, transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition($"ANALYZE {string.Join(", ", tables)}", transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));
    }

    private const string IdentityTables = """
        SELECT table_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES' AND table_name = ANY(@tables)
        """;

    private const string SettleTiers = """
        UPDATE customers c
           SET loyalty_tier_id = t.id
          FROM (SELECT customer_id, sum(points) AS lifetime FROM loyalty_ledger WHERE kind = 'earn' GROUP BY customer_id) l
          CROSS JOIN LATERAL (SELECT id FROM loyalty_tiers WHERE min_points <= l.lifetime ORDER BY min_points DESC LIMIT 1) t
         WHERE c.id = l.customer_id AND c.loyalty_tier_id <> t.id
        """;
}
