namespace GoldAnalytics.Data.Kpis.Customers;

/// <summary>
/// The days an in-memory cache filled outside the KPI data gate's lock must read again: the days of
/// every change announced with a newer data version than the one its full load was fresh to (changes
/// up to that version are in what it loaded). Announcements arrive under the gate's lock, possibly
/// while the load runs, so this is thread-safe.
/// </summary>
internal sealed class ChangedDays
{
    private readonly Lock _lock = new();
    // The newest version each day changed at: bounded by the days, however many changes arrive before the load.
    private readonly Dictionary<DateOnly, long> _pending = [];
    private long? _loadedAt;

    /// <summary>Whether the full load has finished.</summary>
    public bool IsLoaded
    {
        get
        {
            lock (_lock)
            {
                return _loadedAt is not null;
            }
        }
    }

    /// <summary>Notes the days of a change the gate announced at <paramref name="version"/>.</summary>
    public void Add(long version, IReadOnlyList<DateOnly> days)
    {
        lock (_lock)
        {
            foreach (var day in days)
            {
                _pending[day] = Math.Max(version, _pending.GetValueOrDefault(day));
            }
        }
    }

    /// <summary>Marks the full load done; it holds every change up to <paramref name="freshVersion"/>.</summary>
    public void Loaded(long freshVersion)
    {
        lock (_lock)
        {
            _loadedAt = freshVersion;
        }
    }

    /// <summary>Puts back days whose reading failed or was cancelled: they are read again next time, whatever the load holds.</summary>
    public void Return(IEnumerable<DateOnly> days)
    {
        lock (_lock)
        {
            foreach (var day in days)
            {
                _pending[day] = long.MaxValue;
            }
        }
    }

    /// <summary>The days to read again, in order, and forgets them (<see cref="Return"/> them if reading them fails).</summary>
    public DateOnly[] Take()
    {
        lock (_lock)
        {
            var days = _pending.Where(p => p.Value > _loadedAt).Select(p => p.Key).Order().ToArray();
            _pending.Clear();
            return days;
        }
    }
}
