using Npgsql;

namespace GoldAnalytics.Data.Kpis.Customers;

/// <summary>One cell of the mix: a branch, category and karat.</summary>
public sealed record MixCell(int Branch, string Category, short Karat);

/// <summary>One day of the mix: parallel arrays of customer index, cell index and line revenue in cents.</summary>
public sealed record MixDay(int[] Customers, int[] Cells, long[] RevenueCents);

/// <summary>
/// What identified customers bought, per day × customer × branch × category × karat (revenue of their
/// live lines), held in memory next to the <see cref="CustomerLedger"/>. Loaded on first use; afterwards
/// a change re-reads only its days, so the ideal-customer profile of a long range after a new sale
/// costs one day's query and a pass over small per-customer aggregates, not a join of invoice lines.
/// Customer indexes are its own (<see cref="IndexOf"/>). Not thread-safe: callers hold the gate's lock.
/// </summary>
public sealed class CustomerMix(NpgsqlDataSource dataSource)
{
    private readonly Dictionary<DateOnly, MixDay> _days = [];
    private readonly Dictionary<long, int> _index = [];
    private readonly Dictionary<MixCell, int> _cellIndex = [];
    private readonly List<MixCell> _cells = [];
    private readonly HashSet<DateOnly> _stale = [];
    private bool _loaded;

    /// <summary>Number of customers seen; indexes run from 0 to this.</summary>
    public int Count => _index.Count;

    /// <summary>The branch, category and karat of each cell index.</summary>
    public IReadOnlyList<MixCell> Cells => _cells;

    /// <summary>The mix index of a customer, or -1 when the customer has no line.</summary>
    public int IndexOf(long customerId) => _index.GetValueOrDefault(customerId, -1);

    /// <summary>Forgets changed days; they are re-read on the next use (call under the gate's lock).</summary>
    public void Invalidate(IReadOnlyList<DateOnly> changedDays)
    {
        foreach (var day in changedDays)
        {
            _stale.Add(day);
        }
    }

    /// <summary>Loads what is missing or changed; call before reading, under the gate's lock.</summary>
    public async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (!_loaded)
        {
            await LoadAsync(null, cancellationToken);
            _loaded = true;
            _stale.Clear();
        }
        else if (_stale.Count > 0)
        {
            var days = _stale.Order().ToArray();
            foreach (var day in days)
            {
                _days.Remove(day);
            }

            await LoadAsync(days, cancellationToken);
            _stale.Clear();
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

    private async Task LoadAsync(DateOnly[]? days, CancellationToken cancellationToken)
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
