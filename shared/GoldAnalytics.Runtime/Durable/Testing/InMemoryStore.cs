using GoldAnalytics.Runtime.Durable.History;
using GoldAnalytics.Runtime.Durable.Store;
using GoldAnalytics.Runtime.Durable.Worker;

namespace GoldAnalytics.Runtime.Durable.Testing;

/// <summary>The harness's store: the same rows as the PostgreSQL schema, in memory, written through the same checkpoint sink.</summary>
internal sealed class InMemoryStore(Func<DateTime> clock) : ICheckpointSink
{
    private long _nextMessageId;

    public Dictionary<string, InstanceRow> Instances { get; } = new(StringComparer.Ordinal);

    public List<InboxMessage> Inbox { get; } = [];

    public Dictionary<long, DateTime> VisibleAt { get; } = [];

    public Queue<(string InstanceId, Guid ExecutionId, int TaskId, string Name, string? Input)> Activities { get; } = new();

    public void Consume(IEnumerable<long> messageIds)
    {
        var ids = messageIds.ToHashSet();
        Inbox.RemoveAll(m => ids.Contains(m.Id));
    }

    public void ResetHistory(string instanceId) => Instances[instanceId].History.Clear();

    public void AppendHistory(string instanceId, Guid executionId, int firstSeq, IEnumerable<HistoryEvent> events)
    {
        var history = Instances[instanceId].History;
        if (history.Count != firstSeq)
        {
            throw new InvalidOperationException($"History of '{instanceId}' has {history.Count} events; the step appends at {firstSeq}.");
        }

        history.AddRange(events);
    }

    public void Send(string instanceId, Guid? executionId, HistoryEvent message, DateTime? visibleAt = null)
    {
        var id = ++_nextMessageId;
        Inbox.Add(new InboxMessage(id, instanceId, executionId, message));
        VisibleAt[id] = visibleAt ?? clock();
    }

    public void ScheduleActivity(string instanceId, Guid executionId, int taskId, string name, string? input) =>
        Activities.Enqueue((instanceId, executionId, taskId, name, input));

    public void StartChild(SubOrchestrationStart child)
    {
        if (Instances.ContainsKey(child.InstanceId))
        {
            Send(child.Started.Parent!.InstanceId, child.Started.Parent.ExecutionId, child.RefusedEvent);
            return;
        }

        Create(child.InstanceId, child.ExecutionId, child.Started, child.Started.Parent!.InstanceId);
    }

    public void Update(InstanceUpdate update)
    {
        var row = Instances[update.InstanceId];
        row.ExecutionId = update.ExecutionId;
        row.Status = update.Status;
        row.Input = update.NewInput is { } input ? input.Value : row.Input;
        row.Output = update.Output;
        row.CustomStatus = update.CustomStatus;
        row.Failure = update.Failure;
        row.LastUpdatedAt = clock();
        row.CompletedAt = update.Status.IsTerminal() ? clock() : null;
        row.Checkpoint++;
    }

    public void Create(string instanceId, Guid executionId, ExecutionStarted started, string? parentInstanceId, DateTime? startAt = null)
    {
        Instances[instanceId] = new InstanceRow(instanceId, started.Name, started.Version, clock(), parentInstanceId)
        {
            ExecutionId = executionId,
            Input = started.Input,
            LastUpdatedAt = clock(),
        };
        Send(instanceId, executionId, started, startAt);
    }
}

/// <summary>One instance of the in-memory store.</summary>
internal sealed class InstanceRow(string instanceId, string name, string version, DateTime createdAt, string? parentInstanceId)
{
    public string InstanceId { get; } = instanceId;

    public string Name { get; } = name;

    public string Version { get; } = version;

    public DateTime CreatedAt { get; } = createdAt;

    public string? ParentInstanceId { get; } = parentInstanceId;

    public Guid ExecutionId { get; set; }

    public OrchestrationRuntimeStatus Status { get; set; } = OrchestrationRuntimeStatus.Pending;

    public string? Input { get; set; }

    public string? Output { get; set; }

    public string? CustomStatus { get; set; }

    public TaskFailureDetails? Failure { get; set; }

    public DateTime LastUpdatedAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    public long Checkpoint { get; set; }

    public List<HistoryEvent> History { get; } = [];

    public OrchestrationMetadata ToMetadata() => new(InstanceId, Name, Version, Status, CreatedAt, LastUpdatedAt, CompletedAt, null,
        ParentInstanceId, Input, Output, CustomStatus, Failure);
}
