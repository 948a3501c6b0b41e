using GoldAnalytics.Runtime.Durable.History;

namespace GoldAnalytics.Runtime.Durable;

/// <summary>The state of an orchestration instance as a client sees it.</summary>
public sealed record OrchestrationMetadata(
    string InstanceId,
    string Name,
    string Version,
    OrchestrationRuntimeStatus RuntimeStatus,
    DateTime CreatedAt,
    DateTime LastUpdatedAt,
    DateTime? CompletedAt,
    DateTime? ScheduledStartAt,
    string? ParentInstanceId,
    string? SerializedInput,
    string? SerializedOutput,
    string? SerializedCustomStatus,
    TaskFailureDetails? FailureDetails)
{
    /// <summary>Completed, Failed or Terminated.</summary>
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    /// <summary>The input, deserialised.</summary>
    public T? ReadInputAs<T>() => DurableJson.Deserialize<T>(SerializedInput);

    /// <summary>The output, deserialised (for Terminated, the reason).</summary>
    public T? ReadOutputAs<T>() => DurableJson.Deserialize<T>(SerializedOutput);

    /// <summary>The custom status, deserialised.</summary>
    public T? ReadCustomStatusAs<T>() => DurableJson.Deserialize<T>(SerializedCustomStatus);
}

/// <summary>Filters of an instance query; the continuation token comes from the previous page.</summary>
public sealed record OrchestrationQuery(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null,
    string? InstanceIdPrefix = null,
    int PageSize = 100,
    string? ContinuationToken = null,
    bool FetchInputsAndOutputs = false);

/// <summary>One page of a query; a null continuation token means there are no more pages.</summary>
public sealed record OrchestrationQueryPage(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);

/// <summary>Which finished instances to purge (all filters combine).</summary>
public sealed record PurgeInstancesFilter(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null);

/// <summary>How many instances a purge deleted.</summary>
public sealed record PurgeResult(int PurgedInstanceCount);

/// <summary>One page of an instance's history; <see cref="NextSequence"/> is where the next page starts, or null at the end.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryEvent> Events, int? NextSequence);

/// <summary>What a control request (event, terminate, suspend, resume) found.</summary>
public enum InstanceControlResult
{
    /// <summary>The message was queued for the instance.</summary>
    Accepted,

    /// <summary>No such instance.</summary>
    NotFound,

    /// <summary>The instance has finished; nothing was queued.</summary>
    Finished,
}
