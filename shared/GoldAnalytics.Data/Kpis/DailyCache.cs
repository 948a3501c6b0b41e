using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Kpis;

/// <summary>
/// Daily aggregates per filter and calendar year, kept in memory. When the data version moves, the
/// days that changed are dropped from every cached year and refetched on next use, so one new day
/// of sales costs one day's query, not three years'.
/// </summary>
public sealed class DailyCache<T>(Func<NpgsqlConnection, KpiFilter, DateRange, CancellationToken, Task<Dictionary<DateOnly, T>>> load)
{
    private readonly Dictionary<(KpiFilter Filter, int Year), Entry> _entries = [];

    /// <summary>Forgets the days that changed; call with every data change seen before serving.</summary>
    public void Invalidate(IEnumerable<DateOnly> changedDays)
    {
        foreach (var day in changedDays)
        {
            foreach (var entry in _entries.Where(e => e.Key.Year == day.Year).Select(e => e.Value))
            {
                entry.Days.Remove(day);
                entry.Stale.Add(day);
            }
        }
    }

    /// <summary>The cached daily aggregates covering every year the ranges touch, fetching what is missing or stale.</summary>
    public async Task<IReadOnlyDictionary<DateOnly, T>> GetAsync(
        NpgsqlConnection connection, KpiFilter filter, IEnumerable<DateRange> ranges, CancellationToken cancellationToken)
    {
        var result = new Dictionary<DateOnly, T>();
        var years = ranges.SelectMany(r => Enumerable.Range(r.From.Year, r.To.Year - r.From.Year + 1)).Distinct().Order();
        foreach (var year in years)
        {
            var entry = await EntryAsync(connection, filter, year, cancellationToken);
            foreach (var (day, value) in entry.Days)
            {
                result[day] = value;
            }
        }

        return result;
    }

    private async Task<Entry> EntryAsync(NpgsqlConnection connection, KpiFilter filter, int year, CancellationToken cancellationToken)
    {
        if (!_entries.TryGetValue((filter, year), out var entry))
        {
            var days = await load(connection, filter, new DateRange(new(year, 1, 1), new(year, 12, 31)), cancellationToken);
            entry = new Entry(days, []);
            _entries[(filter, year)] = entry;
            return entry;
        }

        if (entry.Stale.Count > 0)
        {
            // Stale days are usually one or two recent days; one query from the first to the last.
            var fresh = await load(connection, filter, new DateRange(entry.Stale.Min(), entry.Stale.Max()), cancellationToken);
            foreach (var (day, value) in fresh)
            {
                entry.Days[day] = value;
            }

            entry.Stale.Clear();
        }

        return entry;
    }

    private sealed record Entry(Dictionary<DateOnly, T> Days, HashSet<DateOnly> Stale);
}
