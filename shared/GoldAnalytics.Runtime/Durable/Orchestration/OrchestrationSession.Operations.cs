using GoldAnalytics.Runtime.Durable.History;

namespace GoldAnalytics.Runtime.Durable.Orchestration;

/// <summary>The operations the orchestrator code performs through its context.</summary>
internal sealed partial class OrchestrationSession
{
    private readonly Dictionary<string, Queue<string?>> _bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LinkedList<TaskCompletionSource<string?>>> _eventWaiters = new(StringComparer.OrdinalIgnoreCase);
    private int _guidCounter;

    public Task<string?> ScheduleActivity(string name, string? input)
    {
        var id = _nextTaskId++;
        var completion = new TaskCompletionSource<string?>();
        _unconfirmed[id] = new ActivityAction(id, name, input);
        _open[id] = e =>
        {
            switch (e)
            {
                case TaskCompleted completed:
                    completion.TrySetResult(completed.Result);
                    break;
                case TaskFailed failed:
                    completion.TrySetException(new TaskFailedException(name, id, failed.Failure));
                    break;
                default:
                    throw Mismatch(id, $"CallActivity '{name}'", e);
            }
        };
        return completion.Task;
    }

    public Task<string?> ScheduleSubOrchestration(string name, string? version, string? instanceId, string? input)
    {
        var id = _nextTaskId++;
        var childId = instanceId ?? NewGuid().ToString("N");
        var completion = new TaskCompletionSource<string?>();
        _unconfirmed[id] = new SubOrchestrationAction(id, name, version ?? Environment.VersionOf(name) ?? "", childId, input);
        _open[id] = e =>
        {
            switch (e)
            {
                case SubOrchestrationCompleted completed:
                    completion.TrySetResult(completed.Result);
                    break;
                case SubOrchestrationFailed failed:
                    completion.TrySetException(new TaskFailedException(name, id, failed.Failure));
                    break;
                default:
                    throw Mismatch(id, $"CallSubOrchestrator '{name}'", e);
            }
        };
        return completion.Task;
    }

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var id = _nextTaskId++;
        var completion = new TaskCompletionSource();
        _unconfirmed[id] = new TimerAction(id, fireAt.ToUniversalTime());
        _open[id] = e =>
        {
            if (e is not TimerFired)
            {
                throw Mismatch(id, "CreateTimer", e);
            }

            completion.TrySetResult();
        };
        if (cancellationToken.CanBeCanceled)
        {
            // A cancelled timer still fires later in the store; its completion then finds the task already cancelled.
            cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken));
        }

        return completion.Task;
    }

    public Task<string?> WaitForEvent(string name, CancellationToken cancellationToken)
    {
        if (_bufferedEvents.TryGetValue(name, out var buffered) && buffered.Count > 0)
        {
            return Task.FromResult(buffered.Dequeue());
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<string?>(cancellationToken);
        }

        var completion = new TaskCompletionSource<string?>();
        if (!_eventWaiters.TryGetValue(name, out var waiters))
        {
            waiters = new LinkedList<TaskCompletionSource<string?>>();
            _eventWaiters[name] = waiters;
        }

        var node = waiters.AddLast(completion);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                // A waiter that gave up no longer takes events: the next one is buffered for a later wait.
                if (node.List is not null)
                {
                    waiters.Remove(node);
                }

                completion.TrySetCanceled(cancellationToken);
            });
        }

        return completion.Task;
    }

    public void RequestContinueAsNew(string? input, bool preserveUnprocessedEvents) => _continueAsNew = (input, preserveUnprocessedEvents);

    public Guid NewGuid() => DeterministicGuid.Create(InstanceId, CurrentUtcDateTime, _guidCounter++);

    private void Deliver(EventRaised raised)
    {
        if (_eventWaiters.TryGetValue(raised.Name, out var waiters))
        {
            while (waiters.First is { } first)
            {
                waiters.RemoveFirst();
                if (first.Value.TrySetResult(raised.Input))
                {
                    return;
                }
            }
        }

        if (!_bufferedEvents.TryGetValue(raised.Name, out var buffered))
        {
            buffered = new Queue<string?>();
            _bufferedEvents[raised.Name] = buffered;
        }

        buffered.Enqueue(raised.Input);
    }

    private IEnumerable<EventRaised> TakeBufferedEvents()
    {
        foreach (var (name, queue) in _bufferedEvents)
        {
            while (queue.Count > 0)
            {
                yield return new EventRaised(name, queue.Dequeue()) { Timestamp = CurrentUtcDateTime };
            }
        }
    }
}
