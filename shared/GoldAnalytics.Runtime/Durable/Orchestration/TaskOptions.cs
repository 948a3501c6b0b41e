namespace GoldAnalytics.Runtime.Durable;

/// <summary>Options of an activity or sub-orchestration call.</summary>
public record TaskOptions(RetryPolicy? Retry = null)
{
    /// <summary>Options that retry with this policy.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}

/// <summary>Options of a sub-orchestration call: retry and the child's instance id (a deterministic new id by default).</summary>
public sealed record SubOrchestrationOptions(RetryPolicy? Retry = null, string? InstanceId = null, string? Version = null) : TaskOptions(Retry);

/// <summary>Options of a new orchestration instance.</summary>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null, string? Version = null);
