using System.Collections.Concurrent;

namespace GoldAnalytics.Data.Kpis;

/// <summary>Changed days announced by the data gate to a block cache, taken all at once under the cache's own lock.</summary>
internal sealed class ChangedDayQueue
{
    private readonly ConcurrentQueue<IReadOnlyList<DateOnly>> _changes = new();

    /// <summary>Queues the days of one change.</summary>
    public void Add(IReadOnlyList<DateOnly> days) => _changes.Enqueue(days);

    /// <summary>Every day queued so far, once each.</summary>
    public HashSet<DateOnly> TakeAll()
    {
        var changed = new HashSet<DateOnly>();
        while (_changes.TryDequeue(out var days))
        {
            changed.UnionWith(days);
        }

        return changed;
    }
}
