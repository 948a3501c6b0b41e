using System.Reflection;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Durable.History;
using GoldAnalytics.Runtime.Durable.Orchestration;
using GoldAnalytics.Runtime.Durable.Store;
using GoldAnalytics.Runtime.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoldAnalytics.Runtime.Durable.Testing;

/// <summary>
/// Runs orchestrations in memory, without a database, through the engine's own replay and step code. Every step
/// replays the instance's whole history into a fresh session (as a host does after a restart), so a
/// non-deterministic orchestrator fails here as it would in production. Time is virtual: timers fire when the
/// test advances the clock, or at once when it runs an instance to completion.
/// </summary>
public sealed class DurableTestHarness
{
    private readonly DurableRegistry _registry;
    private readonly IFunctionDispatcher _dispatcher;
    private readonly InMemoryStore _store;
    private readonly OrchestrationEnvironment _environment;
    private readonly Dictionary<string, Func<string?, object?>> _fakeActivities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A harness over a catalogue and the dispatcher that invokes its functions.</summary>
    public DurableTestHarness(FunctionCatalogue catalogue, IFunctionDispatcher dispatcher, DateTime? startTime = null, ILoggerFactory? loggers = null)
    {
        _registry = new DurableRegistry(catalogue);
        _dispatcher = dispatcher;
        CurrentUtcDateTime = startTime ?? new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        _store = new InMemoryStore(() => CurrentUtcDateTime);
        _environment = new OrchestrationEnvironment(loggers ?? NullLoggerFactory.Instance, _registry.VersionOf);
    }

    /// <summary>The virtual clock.</summary>
    public DateTime CurrentUtcDateTime { get; private set; }

    /// <summary>A harness for the functions of these assemblies, invoked by <see cref="ReflectionFunctionDispatcher"/>.</summary>
    public static DurableTestHarness ForFunctions(params Assembly[] assemblies)
    {
        var catalogue = FunctionCatalogue.Discover(assemblies);
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        return new DurableTestHarness(catalogue, new ReflectionFunctionDispatcher(catalogue, services));
    }

    /// <summary>Replaces an activity with a fake (for instance one that would send mail); the input is deserialised as <typeparamref name="TInput"/>.</summary>
    public DurableTestHarness WithActivity<TInput, TResult>(string name, Func<TInput, TResult> fake)
    {
        _fakeActivities[name] = input => fake(DurableJson.Deserialize<TInput>(input)!);
        return this;
    }

    /// <summary>Schedules a new instance (nothing runs until the harness is run).</summary>
    public string Start(string orchestratorName, object? input = null, string? instanceId = null)
    {
        var name = _registry.OrchestratorName(orchestratorName) ?? throw new InvalidOperationException($"No orchestrator named '{orchestratorName}'.");
        var id = instanceId ?? Guid.NewGuid().ToString("N");
        if (_store.Instances.TryGetValue(id, out var existing) && !existing.Status.IsTerminal())
        {
            throw new OrchestrationAlreadyExistsException(id, existing.Status);
        }

        var started = new ExecutionStarted(name, _registry.VersionOf(name) ?? "", DurableJson.Serialize(input)) { Timestamp = CurrentUtcDateTime };
        _store.Create(id, Guid.NewGuid(), started, null);
        return id;
    }

    /// <summary>Sends an external event.</summary>
    public void RaiseEvent(string instanceId, string eventName, object? payload = null) =>
        Control(instanceId, new EventRaised(eventName, DurableJson.Serialize(payload)) { Timestamp = CurrentUtcDateTime });

    /// <summary>Terminates an instance.</summary>
    public void Terminate(string instanceId, string? reason = null) => Control(instanceId, new ExecutionTerminated(reason) { Timestamp = CurrentUtcDateTime });

    /// <summary>Suspends an instance.</summary>
    public void Suspend(string instanceId, string? reason = null) => Control(instanceId, new ExecutionSuspended(reason) { Timestamp = CurrentUtcDateTime });

    /// <summary>Resumes an instance.</summary>
    public void Resume(string instanceId, string? reason = null) => Control(instanceId, new ExecutionResumed(reason) { Timestamp = CurrentUtcDateTime });

    /// <summary>The instance as a client would see it, or null.</summary>
    public OrchestrationMetadata? GetInstance(string instanceId) => _store.Instances.GetValueOrDefault(instanceId)?.ToMetadata();

    /// <summary>The instance's current execution history.</summary>
    public IReadOnlyList<HistoryEvent> GetHistory(string instanceId) => [.. _store.Instances[instanceId].History];

    /// <summary>Runs steps and activities until nothing is due at the current virtual time.</summary>
    public async Task RunUntilIdleAsync()
    {
        while (RunDueSteps() | await RunActivitiesAsync())
        {
        }
    }

    /// <summary>Moves the clock forward and runs what became due.</summary>
    public async Task AdvanceTimeAsync(TimeSpan by)
    {
        await RunUntilIdleAsync();
        var until = CurrentUtcDateTime + by;
        while (NextDue() is { } due && due <= until)
        {
            CurrentUtcDateTime = due;
            await RunUntilIdleAsync();
        }

        CurrentUtcDateTime = until;
        await RunUntilIdleAsync();
    }

    /// <summary>Runs until the instance finishes, jumping the clock to each next timer; fails if it waits for something that will never come.</summary>
    public async Task<OrchestrationMetadata> RunToCompletionAsync(string instanceId)
    {
        await RunUntilIdleAsync();
        while (!_store.Instances[instanceId].Status.IsTerminal())
        {
            CurrentUtcDateTime = NextDue() ?? throw new InvalidOperationException(
                $"Instance '{instanceId}' is {_store.Instances[instanceId].Status} and waits for something no timer brings (an external event?).");
            await RunUntilIdleAsync();
        }

        return GetInstance(instanceId)!;
    }

    private void Control(string instanceId, HistoryEvent message)
    {
        if (!_store.Instances.ContainsKey(instanceId))
        {
            throw new OrchestrationNotFoundException(instanceId);
        }

        _store.Send(instanceId, null, message);
    }

    private DateTime? NextDue()
    {
        var later = _store.Inbox.Select(m => _store.VisibleAt[m.Id]).Where(t => t > CurrentUtcDateTime).ToList();
        return later.Count == 0 ? null : later.Min();
    }

    private bool RunDueSteps()
    {
        var due = _store.Inbox.Where(m => _store.VisibleAt[m.Id] <= CurrentUtcDateTime).ToList();
        var progressed = false;
        foreach (var group in due.GroupBy(m => m.InstanceId).ToList())
        {
            if (!_store.Instances.TryGetValue(group.Key, out var row))
            {
                _store.Consume(group.Select(m => m.Id));
                continue;
            }

            if (row.Status == OrchestrationRuntimeStatus.Suspended && !group.Any(m => m.Event is ExecutionResumed or ExecutionTerminated))
            {
                continue;
            }

            var instance = new ClaimedInstance(row.InstanceId, row.ExecutionId, row.Name, row.Version, row.Status, row.Checkpoint);
            var session = new OrchestrationSession(row.InstanceId, row.ExecutionId, Invoke, _environment);
            if (row.History.Count > 0)
            {
                session.Replay([.. row.History]);
            }

            InstanceStep.Run(instance, [.. group], session, _store, CurrentUtcDateTime, NullLogger.Instance);
            progressed = true;
        }

        return progressed;
    }

    private async Task<bool> RunActivitiesAsync()
    {
        var ran = false;
        while (_store.Activities.TryDequeue(out var activity))
        {
            ran = true;
            HistoryEvent result;
            try
            {
                result = new TaskCompleted(activity.TaskId, DurableJson.Serialize(await RunActivityAsync(activity.Name, activity.Input, activity.InstanceId))) { Timestamp = CurrentUtcDateTime };
            }
#pragma warning disable CA1031 // An activity's exception is its result, as in the engine.
            catch (Exception e)
#pragma warning restore CA1031
            {
                result = new TaskFailed(activity.TaskId, TaskFailureDetails.FromException(e)) { Timestamp = CurrentUtcDateTime };
            }

            _store.Send(activity.InstanceId, activity.ExecutionId, result);
        }

        return ran;
    }

    private async Task<object?> RunActivityAsync(string name, string? input, string instanceId)
    {
        if (_fakeActivities.TryGetValue(name, out var fake))
        {
            return fake(input);
        }

        var function = _registry.Activity(name) ?? throw new InvalidOperationException($"Activity '{name}' is not a function of this app.");
        return await _dispatcher.DispatchAsync(new FunctionInvocation(function.Name, DurableJson.Deserialize(input, function.TriggerParameter.ParameterType),
            new Dictionary<string, object?> { ["instanceId"] = instanceId }), CancellationToken.None);
    }

    private Task<object?> Invoke(TaskOrchestrationContext context) =>
        _dispatcher.DispatchAsync(new FunctionInvocation(_registry.OrchestratorName(context.Name) ?? context.Name, context,
            new Dictionary<string, object?> { ["instanceId"] = context.InstanceId }), CancellationToken.None);
}
