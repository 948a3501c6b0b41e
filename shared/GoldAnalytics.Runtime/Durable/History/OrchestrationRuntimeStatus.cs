namespace GoldAnalytics.Runtime.Durable;

/// <summary>Where an orchestration instance is in its life, with Durable Functions' names.</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Scheduled, not started yet.</summary>
    Pending,

    /// <summary>Started and not finished.</summary>
    Running,

    /// <summary>Finished with an output.</summary>
    Completed,

    /// <summary>Restarted itself with a new input; a new execution follows.</summary>
    ContinuedAsNew,

    /// <summary>Finished with an unhandled error.</summary>
    Failed,

    /// <summary>Stopped by a terminate request.</summary>
    Terminated,

    /// <summary>Paused by a suspend request until resumed.</summary>
    Suspended,
}

/// <summary>Status helpers.</summary>
public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>Completed, Failed and Terminated are final: nothing more happens to the instance.</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
