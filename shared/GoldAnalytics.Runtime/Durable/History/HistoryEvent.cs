using System.Text.Json.Serialization;

namespace GoldAnalytics.Runtime.Durable.History;

/// <summary>One event of an orchestration's event-sourced history; also the shape of the messages sent to an instance.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecutionStarted), nameof(ExecutionStarted))]
[JsonDerivedType(typeof(OrchestratorStarted), nameof(OrchestratorStarted))]
[JsonDerivedType(typeof(TaskScheduled), nameof(TaskScheduled))]
[JsonDerivedType(typeof(TaskCompleted), nameof(TaskCompleted))]
[JsonDerivedType(typeof(TaskFailed), nameof(TaskFailed))]
[JsonDerivedType(typeof(TimerCreated), nameof(TimerCreated))]
[JsonDerivedType(typeof(TimerFired), nameof(TimerFired))]
[JsonDerivedType(typeof(SubOrchestrationCreated), nameof(SubOrchestrationCreated))]
[JsonDerivedType(typeof(SubOrchestrationCompleted), nameof(SubOrchestrationCompleted))]
[JsonDerivedType(typeof(SubOrchestrationFailed), nameof(SubOrchestrationFailed))]
[JsonDerivedType(typeof(EventRaised), nameof(EventRaised))]
[JsonDerivedType(typeof(ExecutionSuspended), nameof(ExecutionSuspended))]
[JsonDerivedType(typeof(ExecutionResumed), nameof(ExecutionResumed))]
[JsonDerivedType(typeof(ExecutionTerminated), nameof(ExecutionTerminated))]
[JsonDerivedType(typeof(ExecutionCompleted), nameof(ExecutionCompleted))]
public abstract record HistoryEvent
{
    /// <summary>When the event happened (UTC).</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>The event's type name, as stored in the <c>event_type</c> columns.</summary>
    [JsonIgnore]
    public string EventType => GetType().Name;
}

/// <summary>The instance this sub-orchestration reports its result to.</summary>
public sealed record ParentInstance(string InstanceId, Guid ExecutionId, int TaskId);

/// <summary>
/// An execution begins: the orchestrator function is started with this input. After continue-as-new it carries
/// the events the previous execution had received but not consumed, delivered before anything newer.
/// </summary>
public sealed record ExecutionStarted(string Name, string Version, string? Input, ParentInstance? Parent = null, IReadOnlyList<EventRaised>? CarriedEvents = null) : HistoryEvent;

/// <summary>Marks the start of one orchestrator step; its timestamp is the step's <c>CurrentUtcDateTime</c>.</summary>
public sealed record OrchestratorStarted : HistoryEvent;

/// <summary>The orchestrator called an activity.</summary>
public sealed record TaskScheduled(int TaskId, string Name, string? Input) : HistoryEvent;

/// <summary>An activity returned.</summary>
public sealed record TaskCompleted(int TaskId, string? Result) : HistoryEvent;

/// <summary>An activity threw.</summary>
public sealed record TaskFailed(int TaskId, TaskFailureDetails Failure) : HistoryEvent;

/// <summary>The orchestrator created a durable timer.</summary>
public sealed record TimerCreated(int TaskId, DateTime FireAt) : HistoryEvent;

/// <summary>A durable timer came due.</summary>
public sealed record TimerFired(int TaskId, DateTime FireAt) : HistoryEvent;

/// <summary>The orchestrator started a sub-orchestration.</summary>
public sealed record SubOrchestrationCreated(int TaskId, string Name, string Version, string InstanceId, string? Input) : HistoryEvent;

/// <summary>A sub-orchestration completed.</summary>
public sealed record SubOrchestrationCompleted(int TaskId, string? Result) : HistoryEvent;

/// <summary>A sub-orchestration failed or was terminated.</summary>
public sealed record SubOrchestrationFailed(int TaskId, TaskFailureDetails Failure) : HistoryEvent;

/// <summary>An external event was delivered to the instance.</summary>
public sealed record EventRaised(string Name, string? Input) : HistoryEvent;

/// <summary>The instance was suspended: it consumes nothing but resume and terminate until resumed.</summary>
public sealed record ExecutionSuspended(string? Reason) : HistoryEvent;

/// <summary>The instance was resumed.</summary>
public sealed record ExecutionResumed(string? Reason) : HistoryEvent;

/// <summary>The instance was terminated.</summary>
public sealed record ExecutionTerminated(string? Reason) : HistoryEvent;

/// <summary>The execution ended (completed or failed).</summary>
public sealed record ExecutionCompleted(OrchestrationRuntimeStatus Status, string? Result, TaskFailureDetails? Failure) : HistoryEvent;
