using System.Collections.Concurrent;
using GoldAnalytics.Runtime.Durable.Orchestration;

namespace GoldAnalytics.Runtime.Durable.Worker;

/// <summary>
/// Orchestrator sessions kept between steps (extended sessions). A session is taken out while a step runs and
/// put back only after the step committed, so a failed or rolled-back step never leaves a stale session behind.
/// </summary>
internal sealed class SessionCache(int capacity)
{
    private readonly ConcurrentDictionary<string, (OrchestrationSession Session, long LastUsed)> _sessions = new();
    private long _clock;

    /// <summary>The cached session if it reflects exactly this execution and checkpoint.</summary>
    public OrchestrationSession? Take(string instanceId, Guid executionId, long checkpoint) =>
        _sessions.TryRemove(instanceId, out var entry) && entry.Session.ExecutionId == executionId && entry.Session.Checkpoint == checkpoint
            ? entry.Session
            : null;

    public void Put(OrchestrationSession session)
    {
        if (capacity <= 0)
        {
            return;
        }

        _sessions[session.InstanceId] = (session, Interlocked.Increment(ref _clock));
        if (_sessions.Count > capacity)
        {
            // Evict the least recently used tenth in one go rather than one entry per put.
            foreach (var stale in _sessions.OrderBy(e => e.Value.LastUsed).Take(Math.Max(1, capacity / 10)).ToList())
            {
                _sessions.TryRemove(stale.Key, out _);
            }
        }
    }

    public int Count => _sessions.Count;
}
