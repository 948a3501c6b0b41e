using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Kpis;

/// <summary>One bucket of a grouped rollup query: the month start (month blocks) or the day (day blocks), a key and its sums.</summary>
public sealed record BlockRow<TKey, TValue>(DateOnly Bucket, TKey Key, TValue Value);

/// <summary>
/// Sums per key over any date range, kept in memory as calendar-month blocks (for the months a range
/// covers whole) and day blocks (for its ragged ends), per filter. A change drops only the blocks of
/// the changed days, so after a new sale a three-year answer re-reads one day or one month, not
/// three years. The sums must be additive over days (or mergeable, like a maximum).
/// </summary>
// The semaphore's wait handle is never used, so it holds nothing that needs disposing.
#pragma warning disable CA1001
public sealed class RangeBlocks<TFilter, TKey, TValue>(
    Func<NpgsqlConnection, TFilter, DateRange, bool, CancellationToken, Task<IEnumerable<BlockRow<TKey, TValue>>>> load,
    Func<TValue, TValue, TValue> merge)
    where TFilter : notnull
    where TKey : notnull
{
    private const int MaxBlocks = 50_000;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<(TFilter Filter, DateOnly Start, bool IsMonth), Dictionary<TKey, TValue>> _blocks = [];
    private readonly ChangedDayQueue _changes = new();

    /// <summary>Queues changed days; they are dropped before the next read (called by the data gate).</summary>
    public void Invalidate(IReadOnlyList<DateOnly> changedDays) => _changes.Add(changedDays);

    /// <summary>The sums per key over the range, loading only the blocks that are missing or changed.</summary>
    public async Task<Dictionary<TKey, TValue>> SumAsync(NpgsqlConnection connection, TFilter filter, DateRange range, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            ApplyChanges();
            var (months, days) = CalendarBlocks.Split(range);
            await LoadMissingAsync(connection, filter, months, isMonth: true, cancellationToken);
            await LoadMissingAsync(connection, filter, days, isMonth: false, cancellationToken);
            var sums = new Dictionary<TKey, TValue>();
            foreach (var block in months.Select(m => _blocks[(filter, m, true)]).Concat(days.Select(d => _blocks[(filter, d, false)])))
            {
                foreach (var (key, value) in block)
                {
                    sums[key] = sums.TryGetValue(key, out var sum) ? merge(sum, value) : value;
                }
            }

            return sums;
        }
        finally
        {
            _lock.Release();
        }
    }

    private void ApplyChanges()
    {
        var changed = new HashSet<(DateOnly Start, bool IsMonth)>();
        foreach (var day in _changes.TakeAll())
        {
            changed.Add((day, false));
            changed.Add((CalendarBlocks.MonthStart(day), true));
        }

        if (changed.Count > 0)
        {
            foreach (var key in _blocks.Keys.Where(k => changed.Contains((k.Start, k.IsMonth))).ToList())
            {
                _blocks.Remove(key);
            }
        }
    }

    private async Task LoadMissingAsync(NpgsqlConnection connection, TFilter filter, List<DateOnly> starts, bool isMonth, CancellationToken cancellationToken)
    {
        var missing = starts.Where(s => !_blocks.ContainsKey((filter, s, isMonth))).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        if (_blocks.Count + missing.Count > MaxBlocks)
        {
            // Bounded: a full cache starts over rather than growing without limit.
            _blocks.Clear();
            missing = starts;
        }

        // One query from the first missing block to the last; blocks in between that were cached are refreshed too.
        var span = new DateRange(missing[0], isMonth ? missing[^1].AddMonths(1).AddDays(-1) : missing[^1]);
        var fresh = missing.ToDictionary(s => s, _ => new Dictionary<TKey, TValue>());
        foreach (var row in await load(connection, filter, span, !isMonth, cancellationToken))
        {
            if (fresh.TryGetValue(row.Bucket, out var block))
            {
                block[row.Key] = block.TryGetValue(row.Key, out var sum) ? merge(sum, row.Value) : row.Value;
            }
        }

        foreach (var (start, block) in fresh)
        {
            _blocks[(filter, start, isMonth)] = block;
        }
    }
}
#pragma warning restore CA1001
