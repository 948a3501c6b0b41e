namespace GoldAnalytics.Runtime.Durable;

/// <summary>The durable engine's settings, bound from host.json <c>extensions.durableTask</c>.</summary>
public sealed class DurableTaskOptions
{
    /// <summary>The configuration section (host.json <c>extensions.durableTask</c>).</summary>
    public const string Section = "extensions:durableTask";

    /// <summary>PostgreSQL connection string of the durable store (the app's database by default).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Instances this host runs orchestrator steps for at once (the size of its claimed batches, summed over its loops).</summary>
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 100;

    /// <summary>Activities this host runs at once.</summary>
    public int MaxConcurrentActivityFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>Parallel claim-and-step loops for orchestrations.</summary>
    public int OrchestrationLoops { get; set; } = 2;

    /// <summary>How long a claimed activity stays invisible to other hosts without a renewal; a dead host's activities return after it.</summary>
    public TimeSpan ActivityLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest an idle host waits before looking for work when no notification came (the fallback for lost notifications).</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Keep orchestrator sessions in memory between steps so history is replayed only on a cache miss.</summary>
    public bool ExtendedSessionsEnabled { get; set; } = true;

    /// <summary>Most sessions kept in memory.</summary>
    public int ExtendedSessionCacheSize { get; set; } = 2000;

    /// <summary>Completed, failed and terminated instances are purged this long after they finish; zero or less keeps them.</summary>
    public TimeSpan CompletedInstanceRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the automatic purge runs.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>This host's name in leases (machine, process and a random suffix by default).</summary>
    public string HostName { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
}
