using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Insights.Baskets;

/// <summary>
/// Basket, product and pair counts per filter in month and day blocks, summed per request. Changed
/// days drop their blocks; missing blocks are read from invoice lines, several months at once.
/// </summary>
// The semaphore's wait handle is never used, so it holds nothing that needs disposing.
#pragma warning disable CA1001
internal sealed class BasketBlocks(NpgsqlDataSource dataSource)
#pragma warning restore CA1001
{
    // About 12 bytes an entry: a three-year range of the 11M-line demo shop holds ~2.5M entries unfiltered.
    private const long MaxEntries = 12_000_000;

    // More changed days than this in one month at once looks like an import of old sales: the month is
    // read whole again rather than kept as day blocks.
    private const int MaxChangedDaysKeptAsDays = 7;

    private static readonly int Parallelism = Math.Clamp(Environment.ProcessorCount, 1, 4);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ChangedDayQueue _changes = new();
    private readonly Dictionary<KpiFilter, FilterBaskets> _filters = [];

    /// <summary>Queues changed days; their blocks are dropped before the next read.</summary>
    public void Invalidate(IReadOnlyList<DateOnly> changedDays) => _changes.Add(changedDays);

    /// <summary>The counts over the range, reading only the blocks that are missing or changed.</summary>
    public async Task<BasketSums> SumAsync(KpiFilter filter, DateRange range, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            ApplyChanges();
            if (_filters.Values.Sum(f => f.Entries) > MaxEntries)
            {
                // Bounded: a full cache starts over rather than growing without limit.
                _filters.Clear();
            }

            if (!_filters.TryGetValue(filter, out var baskets))
            {
                _filters[filter] = baskets = new FilterBaskets();
            }

            var plan = baskets.Plan(range);
            await LoadMissingAsync(filter, baskets, plan, cancellationToken);
            return baskets.Sum(plan);
        }
        finally
        {
            _lock.Release();
        }
    }

    private void ApplyChanges()
    {
        foreach (var month in _changes.TakeAll().GroupBy(CalendarBlocks.MonthStart))
        {
            foreach (var baskets in _filters.Values)
            {
                if (baskets.Drop(month.Key, month) && month.Count() <= MaxChangedDaysKeptAsDays)
                {
                    baskets.ReadByDay(month.Key);
                }
            }
        }
    }

    private async Task LoadMissingAsync(KpiFilter filter, FilterBaskets baskets, BlockPlan plan, CancellationToken cancellationToken)
    {
        var loads = baskets.MissingMonths(plan).Select(m => new BlockLoad(new DateRange(m, m.AddMonths(1).AddDays(-1)), ByDay: false))
            .Concat(DayRuns(baskets.MissingDays(plan)).Select(r => new BlockLoad(r, ByDay: true)))
            .ToList();
        var counted = new Dictionary<DateOnly, Dictionary<long, long>>[loads.Count];
        await Parallel.ForAsync(0, loads.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, token) =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(token);
            counted[i] = await BasketQuery.CountAsync(connection, filter, loads[i].Span, loads[i].ByDay, token);
        });

        for (var i = 0; i < loads.Count; i++)
        {
            foreach (var start in loads[i].Starts())
            {
                var block = counted[i].TryGetValue(start, out var counts) ? baskets.Slots.Block(counts) : BasketBlock.Empty;
                baskets.Add(start, !loads[i].ByDay, block);
            }
        }
    }

    // Consecutive missing days of one month are read by one query.
    private static IEnumerable<DateRange> DayRuns(IEnumerable<DateOnly> days)
    {
        DateOnly? from = null;
        var to = default(DateOnly);
        foreach (var day in days)
        {
            if (from is { } start && (day != to.AddDays(1) || day.Month != start.Month))
            {
                yield return new DateRange(start, to);
                from = null;
            }

            from ??= day;
            to = day;
        }

        if (from is { } last)
        {
            yield return new DateRange(last, to);
        }
    }

    private sealed record BlockLoad(DateRange Span, bool ByDay)
    {
        public IEnumerable<DateOnly> Starts() => ByDay
            ? Enumerable.Range(0, Span.To.DayNumber - Span.From.DayNumber + 1).Select(Span.From.AddDays)
            : [Span.From];
    }
}
