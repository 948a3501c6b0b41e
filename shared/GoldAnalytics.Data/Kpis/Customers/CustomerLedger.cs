using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Kpis.Customers;

/// <summary>
/// customer_daily held in memory, one compact block of rows per day (customer, branch, invoices, net
/// revenue and gross profit in cents), with each customer's first purchase derived from it. Loaded
/// once; afterwards a change re-reads only its days. Every customer figure (counts, retention, RFM,
/// cohorts, lifetime value, most valuable customers) is a pass over the days of its range, so a
/// three-year answer after a new sale costs one day's query and a few million additions, not a scan
/// of invoice lines. Not thread-safe: callers hold the KPI data gate's lock.
/// </summary>
public sealed class CustomerLedger(NpgsqlDataSource dataSource)
{
    private readonly Dictionary<DateOnly, CustomerDay> _days = [];
    private readonly Dictionary<long, int> _index = [];
    private readonly List<long> _ids = [];
    private readonly HashSet<DateOnly> _stale = [];
    private readonly Dictionary<(int? Branch, DateOnly Month), ActivityBits> _months = [];
    private bool _loaded;
    private FirstPurchases? _first;

    /// <summary>Number of customers seen; customer indexes run from 0 to this.</summary>
    public int Count => _ids.Count;

    /// <summary>The customer id of an index.</summary>
    public long IdOf(int index) => _ids[index];

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
            await LoadAsync("SELECT day, customer_id, branch_id, invoices, net_revenue, gross_profit FROM customer_daily ORDER BY day, customer_id, branch_id", null, cancellationToken);
            _loaded = true;
            _stale.Clear();
            _first = null;
            _months.Clear();
        }
        else if (_stale.Count > 0)
        {
            var days = _stale.Order().ToArray();
            foreach (var day in days)
            {
                _days.Remove(day);
            }

            var customers = Count;
            await LoadAsync("SELECT day, customer_id, branch_id, invoices, net_revenue, gross_profit FROM customer_daily WHERE day = ANY(@days) ORDER BY day, customer_id, branch_id", days, cancellationToken);
            _stale.Clear();
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

    private async Task LoadAsync(string sql, DateOnly[]? days, CancellationToken cancellationToken)
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
