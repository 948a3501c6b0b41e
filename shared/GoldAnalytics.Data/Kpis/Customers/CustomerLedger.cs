using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Kpis.Customers;

/// <summary>
/// customer_daily held in memory, one compact block of rows per day (customer, branch, invoices, net
/// revenue and gross profit in cents), with each customer's first purchase derived from it. Loaded
/// once; afterwards a change re-reads only its days. Every customer figure (counts, retention, RFM,
/// cohorts, lifetime value, most valuable customers) is a pass over the days of its range, so a
/// three-year answer after a new sale costs one day's query and a few million additions, not a scan
/// of invoice lines. The full load runs outside the KPI data gate's lock (<see cref="LoadAsync"/>), so
/// other KPIs are answered meanwhile; catching up with changed days and every read happen under it.
/// </summary>
// The semaphore's wait handle is never used, so it holds nothing that needs disposing.
#pragma warning disable CA1001
public sealed class CustomerLedger(NpgsqlDataSource dataSource)
#pragma warning restore CA1001
{
    private const string AllDays = """
        SELECT day, customer_id, branch_id, invoices, net_revenue, gross_profit FROM customer_daily ORDER BY day, customer_id, branch_id
        """;

    private const string SomeDays = """
        SELECT day, customer_id, branch_id, invoices, net_revenue, gross_profit FROM customer_daily WHERE day = ANY(@days) ORDER BY day, customer_id, branch_id
        """;

    private readonly Dictionary<DateOnly, CustomerDay> _days = [];
    private readonly Dictionary<long, int> _index = [];
    private readonly List<long> _ids = [];
    private readonly Dictionary<(int? Branch, DateOnly Month), ActivityBits> _months = [];
    private readonly ChangedDays _changes = new();
    private readonly SemaphoreSlim _loading = new(1, 1);
    private FirstPurchases? _first;

    /// <summary>Number of customers seen; customer indexes run from 0 to this.</summary>
    public int Count => _ids.Count;

    /// <summary>Whether the full load has happened (then only changed days are read again).</summary>
    public bool IsLoaded => _changes.IsLoaded;

    /// <summary>The customer id of an index.</summary>
    public long IdOf(int index) => _ids[index];

    /// <summary>Notes changed days (the gate calls it under its lock, possibly while the full load runs); they are re-read on the next catch-up.</summary>
    public void Invalidate(long version, IReadOnlyList<DateOnly> changedDays) => _changes.Add(version, changedDays);

    /// <summary>
    /// The full load, outside the gate's lock; <paramref name="freshVersion"/> is a version the gate had
    /// brought the rollups up to before this call. Concurrent callers wait for the one load.
    /// </summary>
    public async Task LoadAsync(long freshVersion, CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (!IsLoaded)
            {
                await ReadAsync(AllDays, null, cancellationToken);
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
        if (_changes.Take() is not { Length: > 0 } days)
        {
            return;
        }

        foreach (var day in days)
        {
            _days.Remove(day);
        }

        var customers = Count;
        try
        {
            await ReadAsync(SomeDays, days, cancellationToken);
        }
        catch
        {
            _changes.Return(days);
            throw;
        }

        _first = null;
        if (Count != customers)
        {
            // A new customer widens every bit set.
            _months.Clear();
        }

        foreach (var key in _months.Keys.Where(k => days.Any(d => d.Year == k.Month.Year && d.Month == k.Month.Month)).ToList())
        {
            _months.Remove(key);
        }
    }

    /// <summary>The days with rows inside the range, in order.</summary>
    public IEnumerable<(DateOnly Day, CustomerDay Rows)> Days(DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (_days.TryGetValue(day, out var rows))
            {
                yield return (day, rows);
            }
        }
    }

    /// <summary>Who bought in the range (at the branch, when given): whole months from cached month sets, the ragged ends day by day.</summary>
    public ActivityBits Activity(int? branch, DateRange range)
    {
        var activity = new ActivityBits(Count);
        var day = range.From;
        while (day <= range.To)
        {
            var month = new DateOnly(day.Year, day.Month, 1);
            var monthEnd = month.AddMonths(1).AddDays(-1);
            if (day == month && monthEnd <= range.To)
            {
                activity.Add(MonthActivity(branch, month, monthEnd));
                day = monthEnd.AddDays(1);
                continue;
            }

            if (_days.TryGetValue(day, out var rows))
            {
                activity.Add(rows, branch);
            }

            day = day.AddDays(1);
        }

        return activity;
    }

    private ActivityBits MonthActivity(int? branch, DateOnly month, DateOnly monthEnd)
    {
        if (!_months.TryGetValue((branch, month), out var activity))
        {
            activity = new ActivityBits(Count);
            foreach (var (_, rows) in Days(month, monthEnd))
            {
                activity.Add(rows, branch);
            }

            _months[(branch, month)] = activity;
        }

        return activity;
    }

    /// <summary>Each customer's first day with an invoice and the branch of it (the lowest branch id that day).</summary>
    public FirstPurchases First => _first ??= FirstPurchases.From(_days, _ids.Count);

    private async Task ReadAsync(string sql, DateOnly[]? days, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
#pragma warning disable CA2100 // one of two constant statements of this class
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
#pragma warning restore CA2100
        if (days is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("days", days));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var builder = new CustomerDay.Builder();
        DateOnly? current = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var day = reader.GetFieldValue<DateOnly>(0);
            if (current != day)
            {
                Flush(current, builder);
                current = day;
            }

            builder.Add(IndexOf(reader.GetInt64(1)), reader.GetInt32(2), reader.GetInt64(3), Cents(reader.GetDecimal(4)), Cents(reader.GetDecimal(5)));
        }

        Flush(current, builder);
    }

    private void Flush(DateOnly? day, CustomerDay.Builder builder)
    {
        if (day is { } d && builder.Count > 0)
        {
            _days[d] = builder.Build();
        }

        builder.Clear();
    }

    private int IndexOf(long customerId)
    {
        if (!_index.TryGetValue(customerId, out var index))
        {
            index = _ids.Count;
            _index[customerId] = index;
            _ids.Add(customerId);
        }

        return index;
    }

    // Rollup money is numeric(16,2): whole cents, exact in a long.
    private static long Cents(decimal amount) => (long)(amount * 100m);
}
