using Npgsql;

namespace GoldAnalytics.Data.Kpis.Customers;

/// <summary>One cell of the mix: a branch, category and karat.</summary>
public sealed record MixCell(int Branch, string Category, short Karat);

/// <summary>One day of the mix: parallel arrays of customer index, cell index and line revenue in cents.</summary>
public sealed record MixDay(int[] Customers, int[] Cells, long[] RevenueCents);

/// <summary>
/// What identified customers bought, per day × customer × branch × category × karat (revenue of their
/// live lines), held in memory next to the <see cref="CustomerLedger"/>. Loaded on first use, outside
/// the KPI data gate's lock (it is a grouping of every invoice line, seconds at ten million lines, and
/// other KPIs are answered meanwhile); afterwards a change re-reads only its days, under the lock, so the
/// ideal-customer profile of a long range after a new sale costs one day's query and a pass over small
/// per-customer aggregates, not a join of invoice lines. Customer indexes are its own (<see cref="IndexOf"/>).
/// </summary>
// The semaphore's wait handle is never used, so it holds nothing that needs disposing.
#pragma warning disable CA1001
public sealed class CustomerMix(NpgsqlDataSource dataSource)
#pragma warning restore CA1001
{
    private readonly Dictionary<DateOnly, MixDay> _days = [];
    private readonly Dictionary<long, int> _index = [];
    private readonly Dictionary<MixCell, int> _cellIndex = [];
    private readonly List<MixCell> _cells = [];
    private readonly ChangedDays _changes = new();
    private readonly SemaphoreSlim _loading = new(1, 1);

    /// <summary>Number of customers seen; indexes run from 0 to this.</summary>
    public int Count => _index.Count;

    /// <summary>Whether the full load has happened (then only changed days are read again).</summary>
    public bool IsLoaded => _changes.IsLoaded;

    /// <summary>The branch, category and karat of each cell index.</summary>
    public IReadOnlyList<MixCell> Cells => _cells;

    /// <summary>The mix index of a customer, or -1 when the customer has no line.</summary>
    public int IndexOf(long customerId) => _index.GetValueOrDefault(customerId, -1);

    /// <summary>Notes changed days (the gate calls it under its lock, possibly while the full load runs); they are re-read on the next catch-up.</summary>
    public void Invalidate(long version, IReadOnlyList<DateOnly> changedDays) => _changes.Add(version, changedDays);

    /// <summary>
    /// The full load, outside the gate's lock; <paramref name="freshVersion"/> is a data version the gate had
    /// seen before this call (the mix reads invoice lines, which hold every write up to it). Concurrent callers wait for the one load.
    /// </summary>
    public async Task LoadAsync(long freshVersion, CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (!IsLoaded)
            {
                await ReadAsync(null, cancellationToken);
                _changes.Loaded(freshVersion);
            }
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Re-reads the days changed since the full load; call after <see cref="LoadAsync"/>, under the gate's lock, before reading.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (_changes.Take() is { Length: > 0 } days)
        {
            foreach (var day in days)
            {
                _days.Remove(day);
            }

            try
            {
                await ReadAsync(days, cancellationToken);
            }
            catch
            {
                _changes.Return(days);
                throw;
            }
        }
    }

    /// <summary>The days with rows inside the range, in order.</summary>
    public IEnumerable<MixDay> Days(DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (_days.TryGetValue(day, out var rows))
            {
                yield return rows;
            }
        }
    }

    private async Task ReadAsync(DateOnly[]? days, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
#pragma warning disable CA2100 // one of two constant statements of this class
        await using var command = new NpgsqlCommand(days is null ? AllSql : DaysSql, connection) { CommandTimeout = 0 };
#pragma warning restore CA2100
        if (days is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("days", days));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var (customers, cells, revenue) = (new List<int>(), new List<int>(), new List<long>());
        DateOnly? current = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var day = reader.GetFieldValue<DateOnly>(0);
            if (current != day)
            {
                Flush(current, customers, cells, revenue);
                current = day;
            }

            customers.Add(Index(reader.GetInt64(1)));
            cells.Add(CellOf(new MixCell(reader.GetInt32(2), reader.GetString(3), reader.GetInt16(4))));
            revenue.Add((long)(reader.GetDecimal(5) * 100m));
        }

        Flush(current, customers, cells, revenue);
    }

    private void Flush(DateOnly? day, List<int> customers, List<int> cells, List<long> revenue)
    {
        if (day is { } d && customers.Count > 0)
        {
            _days[d] = new MixDay([.. customers], [.. cells], [.. revenue]);
        }

        customers.Clear();
        cells.Clear();
        revenue.Clear();
    }

    private int Index(long customerId)
    {
        if (!_index.TryGetValue(customerId, out var index))
        {
            index = _index.Count;
            _index[customerId] = index;
        }

        return index;
    }

    private int CellOf(MixCell cell)
    {
        if (!_cellIndex.TryGetValue(cell, out var index))
        {
            index = _cells.Count;
            _cellIndex[cell] = index;
            _cells.Add(cell);
        }

        return index;
    }

    // Line amounts are numeric(14,2): the sums are whole cents, exact in a long.
    private const string AllSql = """
        SELECT business_date, customer_id, branch_id, category, karat, sum(gold_value + making_charge + stone_value - discount)
          FROM invoice_lines
         WHERE customer_id IS NOT NULL AND deleted_at IS NULL
         GROUP BY business_date, customer_id, branch_id, category, karat
         ORDER BY business_date
        """;

    private const string DaysSql = """
        SELECT business_date, customer_id, branch_id, category, karat, sum(gold_value + making_charge + stone_value - discount)
          FROM invoice_lines
         WHERE customer_id IS NOT NULL AND deleted_at IS NULL AND business_date = ANY(@days)
         GROUP BY business_date, customer_id, branch_id, category, karat
         ORDER BY business_date
        """;
}
