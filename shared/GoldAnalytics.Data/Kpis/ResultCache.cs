using System.Collections.Concurrent;

namespace GoldAnalytics.Data.Kpis;

/// <summary>Finished results per query key, valid only for the data version they were computed at.</summary>
public sealed class ResultCache
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<object, (long Version, object Result)> _entries = new();

    /// <summary>The cached result for the key at exactly this version.</summary>
    public bool TryGet<T>(object key, long version, out T result)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Version == version && entry.Result is T typed)
        {
            result = typed;
            return true;
        }

        result = default!;
        return false;
    }

    /// <summary>Stores a result computed at the version.</summary>
    public void Set(object key, long version, object result)
    {
        if (_entries.Count >= MaxEntries)
        {
            // Crude but bounded: a full cache starts over rather than growing without limit.
            _entries.Clear();
        }

        _entries[key] = (version, result);
    }

    /// <summary>The cached result at this version, or computes and stores it.</summary>
    public T GetOrAdd<T>(object key, long version, Func<T> compute)
        where T : notnull
    {
        if (TryGet<T>(key, version, out var cached))
        {
            return cached;
        }

        var result = compute();
        Set(key, version, result);
        return result;
    }
}
