using Npgsql;

namespace GoldAnalytics.Data.Kpis;

/// <summary>
/// The one door every KPI read goes through: reads the data version first, brings dirty rollups up
/// to date, and drops cached days that changed. A number computed after this call is at least as
/// new as every write acknowledged before it.
/// </summary>
public sealed class KpiDataGate(NpgsqlDataSource dataSource, KpiRollups rollups) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Lock _registration = new();
    // Replaced, never changed in place: engines register from their constructors, which DI may run while
    // another request is telling the registered caches about changed days.
    private Action<long, IReadOnlyList<DateOnly>>[] _invalidations = [];
    private readonly DataVersion _version = new(dataSource);
    private long _seen;

    /// <summary>Serialises cache reads and writes: callers hold it while they use the caches.</summary>
    public SemaphoreSlim Lock => _lock;

    /// <summary>Registers a cache to be told which days changed.</summary>
    public void OnChangedDays(Action<IReadOnlyList<DateOnly>> invalidate) => OnChangedDays((_, days) => invalidate(days));

    /// <summary>
    /// Registers a cache to be told which days changed, with the data version that change brought the gate to
    /// (a cache filled outside the lock from rollups fresh up to some version ignores changes it already holds).
    /// </summary>
    public void OnChangedDays(Action<long, IReadOnlyList<DateOnly>> invalidate)
    {
        lock (_registration)
        {
            _invalidations = [.. _invalidations, invalidate];
        }
    }

    /// <summary>Brings rollups and caches up to date; returns the data version the caller's numbers are valid for. Call under <see cref="Lock"/>.</summary>
    public async Task<long> EnsureFreshAsync(CancellationToken cancellationToken)
    {
        var changes = await _version.ReadAsync(_seen, cancellationToken);
        if (changes.HasDirtyDays)
        {
            await rollups.RefreshDirtyAsync(cancellationToken);
        }

        if (changes.Version != _seen)
        {
            foreach (var invalidate in Volatile.Read(ref _invalidations))
            {
                invalidate(changes.Version, changes.ChangedDays);
            }

            _seen = changes.Version;
        }

        return changes.Version;
    }

    /// <summary>Takes the lock, brings rollups and caches up to date, and returns the data version.</summary>
    public async Task<long> FreshVersionAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            return await EnsureFreshAsync(cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();
}
