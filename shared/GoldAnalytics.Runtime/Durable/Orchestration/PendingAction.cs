using GoldAnalytics.Runtime.Durable.History;

namespace GoldAnalytics.Runtime.Durable.Orchestration;

/// <summary>Something the orchestrator code asked for in a step: it becomes a history event and outgoing work.</summary>
internal abstract record PendingAction(int TaskId)
{
    public abstract string Describe();

    public abstract HistoryEvent ToHistoryEvent(DateTime now);
}

internal sealed record ActivityAction(int TaskId, string Name, string? Input) : PendingAction(TaskId)
{
    public override string Describe() => $"CallActivity '{Name}'";

    public override HistoryEvent ToHistoryEvent(DateTime now) => new TaskScheduled(TaskId, Name, Input) { Timestamp = now };
}

internal sealed record TimerAction(int TaskId, DateTime FireAt) : PendingAction(TaskId)
{
    public override string Describe() => "CreateTimer";

    public override HistoryEvent ToHistoryEvent(DateTime now) => new TimerCreated(TaskId, FireAt) { Timestamp = now };
}

internal sealed record SubOrchestrationAction(int TaskId, string Name, string Version, string InstanceId, string? Input) : PendingAction(TaskId)
{
    public override string Describe() => $"CallSubOrchestrator '{Name}'";

    public override HistoryEvent ToHistoryEvent(DateTime now) => new SubOrchestrationCreated(TaskId, Name, Version, InstanceId, Input) { Timestamp = now };
}

/// <summary>What one orchestrator step produced; the store commits all of it in one transaction.</summary>
internal sealed record StepResult(
    IReadOnlyList<HistoryEvent> NewHistory,
    IReadOnlyList<PendingAction> Actions,
    OrchestrationRuntimeStatus Status,
    string? Output,
    TaskFailureDetails? Failure,
    string? CustomStatus,
    ContinueAsNewRequest? ContinueAsNew,
    IReadOnlyList<HistoryEvent> Unapplied)
{
    public bool IsTerminal => Status.IsTerminal();
}

/// <summary>
/// The orchestrator asked to restart with a new input. Events it had received but not consumed go along in the new
/// ExecutionStarted; events of this step it did not get to stay in the inbox (when preserved), keeping their order.
/// </summary>
internal sealed record ContinueAsNewRequest(string? Input, IReadOnlyList<EventRaised> CarriedEvents, bool PreserveUnprocessedEvents);
