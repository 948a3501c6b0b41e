using GoldAnalytics.Runtime.Durable.History;

namespace GoldAnalytics.Runtime.Durable.Orchestration;

/// <summary>Starts an orchestrator function for a context; the worker binds it to the function dispatcher.</summary>
internal delegate Task<object?> OrchestratorInvoker(TaskOrchestrationContext context);

/// <summary>
/// One execution of an orchestration held in memory: replays history into the orchestrator code, then runs
/// steps that apply new messages and collect the actions the code takes. Kept between steps on the same
/// host (extended session) so history is replayed only when the session is not cached.
/// </summary>
internal sealed partial class OrchestrationSession
{
    private readonly OrchestrationScheduler _scheduler = new();
    private readonly OrchestratorInvoker _invoke;
    private readonly SortedDictionary<int, PendingAction> _unconfirmed = [];
    private readonly Dictionary<int, Action<HistoryEvent>> _open = [];
    private Task<object?>? _run;
    private int _nextTaskId;
    private string? _terminatedReason;
    private TaskFailureDetails? _nonDeterminism;
    private (string? Input, bool PreserveEvents)? _continueAsNew;
    private int _eventIndex;

    public OrchestrationSession(string instanceId, Guid executionId, OrchestratorInvoker invoke, OrchestrationEnvironment environment)
    {
        InstanceId = instanceId;
        ExecutionId = executionId;
        _invoke = invoke;
        Environment = environment;
        Context = new TaskOrchestrationContext(this);
    }

    public string InstanceId { get; }

    public Guid ExecutionId { get; }

    public string Name { get; private set; } = "";

    public string Version { get; private set; } = "";

    public string? Input { get; private set; }

    public ParentInstance? Parent { get; private set; }

    public bool IsReplaying { get; private set; }

    public DateTime CurrentUtcDateTime { get; private set; }

    public string? CustomStatus { get; set; }

    public bool IsSuspended { get; private set; }

    public OrchestrationEnvironment Environment { get; }

    public TaskOrchestrationContext Context { get; }

    /// <summary>Events in committed history; the next event's sequence number.</summary>
    public int HistoryLength => _eventIndex;

    /// <summary>The instance checkpoint this session reflects; a different one in the store means the cache is stale.</summary>
    public long Checkpoint { get; set; }

    private bool IsFinished => _terminatedReason is not null || _nonDeterminism is not null || _run is { IsCompleted: true };

    /// <summary>Rebuilds the in-memory state from committed history, checking the code makes the same calls.</summary>
    public void Replay(IReadOnlyList<HistoryEvent> history)
    {
        IsReplaying = true;
        try
        {
            foreach (var historyEvent in history)
            {
                if (historyEvent is OrchestratorStarted)
                {
                    EnsureEveryActionWasRecorded();
                }

                Apply(historyEvent);
                _eventIndex++;
            }

            EnsureEveryActionWasRecorded();
        }
        catch (NonDeterministicOrchestrationException e)
        {
            // The step still appends after the whole committed history, so the failure is recorded in sequence.
            _nonDeterminism = TaskFailureDetails.FromException(e);
            _eventIndex = history.Count;
        }
    }

    /// <summary>Applies new messages as one step and returns what to commit.</summary>
    public StepResult RunStep(IReadOnlyList<HistoryEvent> messages, DateTime now)
    {
        IsReplaying = false;
        var added = new List<HistoryEvent>();
        var late = new List<HistoryEvent>();
        try
        {
            Record(new OrchestratorStarted { Timestamp = now }, added);
            foreach (var message in messages.OrderBy(m => m is ExecutionStarted ? 0 : 1))
            {
                if (IsFinished)
                {
                    // The execution ended earlier in this step: the rest is not applied (events may go to a continued execution).
                    late.Add(message);
                    continue;
                }

                Record(message, added);
            }
        }
        catch (NonDeterministicOrchestrationException e)
        {
            _nonDeterminism = TaskFailureDetails.FromException(e);
        }

        var actions = _nonDeterminism is null ? _unconfirmed.Values.ToList() : [];
        _unconfirmed.Clear();
        foreach (var action in actions)
        {
            Record(action.ToHistoryEvent(now), added, apply: false);
        }

        var result = Outcome(added, actions, late);
        if (result.Status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed)
        {
            Record(new ExecutionCompleted(result.Status, result.Output, result.Failure) { Timestamp = now }, added, apply: false);
        }

        return result;
    }

    private void Record(HistoryEvent historyEvent, List<HistoryEvent> added, bool apply = true)
    {
        added.Add(historyEvent);
        if (apply)
        {
            Apply(historyEvent);
        }

        _eventIndex++;
    }

    private StepResult Outcome(List<HistoryEvent> added, List<PendingAction> actions, List<HistoryEvent> late)
    {
        StepResult Result(OrchestrationRuntimeStatus status, string? output = null, TaskFailureDetails? failure = null, ContinueAsNewRequest? next = null) =>
            new(added, actions, status, output, failure, CustomStatus, next, late);

        if (_nonDeterminism is not null)
        {
            return Result(OrchestrationRuntimeStatus.Failed, failure: _nonDeterminism);
        }

        if (_terminatedReason is not null)
        {
            return Result(OrchestrationRuntimeStatus.Terminated, DurableJson.Serialize(_terminatedReason));
        }

        if (_run is null)
        {
            return Result(OrchestrationRuntimeStatus.Pending);
        }

        if (!_run.IsCompleted)
        {
            return Result(IsSuspended ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running);
        }

        if (!_run.IsCompletedSuccessfully)
        {
            try
            {
                _run.GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                return Result(OrchestrationRuntimeStatus.Failed, failure: TaskFailureDetails.FromException(e));
            }
        }

        if (_continueAsNew is { } next)
        {
            var carried = next.PreserveEvents ? [.. TakeBufferedEvents()] : new List<EventRaised>();
            return Result(OrchestrationRuntimeStatus.ContinuedAsNew, next: new ContinueAsNewRequest(next.Input, carried, next.PreserveEvents));
        }

        return Result(OrchestrationRuntimeStatus.Completed, DurableJson.Serialize(_run.Result));
    }

    private void Apply(HistoryEvent historyEvent)
    {
        switch (historyEvent)
        {
            case OrchestratorStarted:
                CurrentUtcDateTime = historyEvent.Timestamp;
                break;
            case ExecutionStarted started:
                Start(started);
                break;
            case TaskScheduled scheduled:
                Confirm(scheduled.TaskId, $"CallActivity '{scheduled.Name}'", a => a is ActivityAction x && SameName(x.Name, scheduled.Name));
                break;
            case TimerCreated timer:
                Confirm(timer.TaskId, "CreateTimer", a => a is TimerAction);
                break;
            case SubOrchestrationCreated sub:
                Confirm(sub.TaskId, $"CallSubOrchestrator '{sub.Name}'", a => a is SubOrchestrationAction x && SameName(x.Name, sub.Name));
                break;
            case TaskCompleted { TaskId: var id }:
                Complete(id, historyEvent);
                break;
            case TaskFailed { TaskId: var id }:
                Complete(id, historyEvent);
                break;
            case TimerFired { TaskId: var id }:
                Complete(id, historyEvent);
                break;
            case SubOrchestrationCompleted { TaskId: var id }:
                Complete(id, historyEvent);
                break;
            case SubOrchestrationFailed { TaskId: var id }:
                Complete(id, historyEvent);
                break;
            case EventRaised raised:
                Deliver(raised);
                break;
            case ExecutionSuspended:
                IsSuspended = true;
                break;
            case ExecutionResumed:
                IsSuspended = false;
                break;
            case ExecutionTerminated terminated:
                _terminatedReason = terminated.Reason ?? "";
                break;
        }

        _scheduler.RunUntilQuiescent();
    }

    private void Start(ExecutionStarted started)
    {
        if (_run is not null)
        {
            return;
        }

        Name = started.Name;
        Version = started.Version;
        Input = started.Input;
        Parent = started.Parent;
        if (CurrentUtcDateTime == default)
        {
            CurrentUtcDateTime = started.Timestamp;
        }

        foreach (var carried in started.CarriedEvents ?? [])
        {
            Deliver(carried);
        }

        _run = _scheduler.Start(() => _invoke(Context));
    }

    private void Confirm(int taskId, string recorded, Func<PendingAction, bool> matches)
    {
        if (!_unconfirmed.Remove(taskId, out var action))
        {
            var next = _unconfirmed.Values.FirstOrDefault();
            throw NonDeterminism(taskId, recorded, next is null ? "does not make that call" : $"calls {next.Describe()} (task {next.TaskId}) instead");
        }

        if (!matches(action))
        {
            throw NonDeterminism(taskId, recorded, $"calls {action.Describe()} instead");
        }
    }

    private void EnsureEveryActionWasRecorded()
    {
        if (_unconfirmed.Values.FirstOrDefault() is { } extra && _nonDeterminism is null)
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{Name}' (instance '{InstanceId}'): at history event {_eventIndex} the orchestrator code calls " +
                $"{extra.Describe()} (task {extra.TaskId}), which the history does not record at that point. {Advice}");
        }
    }

    private void Complete(int taskId, HistoryEvent historyEvent)
    {
        if (_open.Remove(taskId, out var handler))
        {
            handler(historyEvent);
        }
        else if (IsReplaying && taskId >= _nextTaskId)
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{Name}' (instance '{InstanceId}'): history event {_eventIndex} is {historyEvent.EventType} for task {taskId}, " +
                $"but the orchestrator code has scheduled only {_nextTaskId} task(s). {Advice}");
        }
    }

    private NonDeterministicOrchestrationException NonDeterminism(int taskId, string recorded, string found) =>
        new($"Non-deterministic orchestration '{Name}' (instance '{InstanceId}'): at history event {_eventIndex} (task {taskId}) " +
            $"the history records {recorded}, but the orchestrator code now {found}. {Advice}");

    private NonDeterministicOrchestrationException Mismatch(int taskId, string expected, HistoryEvent found) =>
        new($"Non-deterministic orchestration '{Name}' (instance '{InstanceId}'): history event {_eventIndex} is {found.EventType} for task {taskId}, " +
            $"but the orchestrator code awaits {expected} as task {taskId}. {Advice}");

    private const string Advice =
        "Orchestrator code must make the same calls in the same order on every replay; deploy a changed orchestration under a new version or name.";

    private static bool SameName(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

/// <summary>What an orchestration needs from its host besides history: loggers and the versions of local orchestrators.</summary>
internal sealed record OrchestrationEnvironment(Microsoft.Extensions.Logging.ILoggerFactory Loggers, Func<string, string?> VersionOf);
