using GoldAnalytics.Runtime.Durable.History;
using GoldAnalytics.Runtime.Durable.Orchestration;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Runtime.Durable;

/// <summary>
/// What an orchestrator function sees: its input and the durable operations (activities, sub-orchestrations,
/// timers, external events). The code is replayed from history, so it must be deterministic: use
/// <see cref="CurrentUtcDateTime"/> and <see cref="NewGuid"/>, never the clock, random numbers or I/O.
/// </summary>
public sealed class TaskOrchestrationContext
{
    /// <summary>Largest custom status accepted, in UTF-16 characters of its JSON (as Durable Functions: 16 KB).</summary>
    public const int MaxCustomStatusLength = 16 * 1024;

    private readonly OrchestrationSession _session;

    internal TaskOrchestrationContext(OrchestrationSession session) => _session = session;

    /// <summary>The orchestrator's name.</summary>
    public string Name => _session.Name;

    /// <summary>The instance id.</summary>
    public string InstanceId => _session.InstanceId;

    /// <summary>The version the instance was started with.</summary>
    public string Version => _session.Version;

    /// <summary>The parent's instance id when this is a sub-orchestration.</summary>
    public string? ParentInstanceId => _session.Parent?.InstanceId;

    /// <summary>True while the code re-runs past steps from history.</summary>
    public bool IsReplaying => _session.IsReplaying;

    /// <summary>The current step's time: the same value on every replay.</summary>
    public DateTime CurrentUtcDateTime => _session.CurrentUtcDateTime;

    /// <summary>The instance's input.</summary>
    public T? GetInput<T>() => DurableJson.Deserialize<T>(_session.Input);

    /// <summary>Calls an activity and waits for it; retries by the options' policy.</summary>
    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>Calls an activity and returns its result; retries by the options' policy.</summary>
    public Task<T> CallActivityAsync<T>(string name, object? input = null, TaskOptions? options = null)
    {
        var serialized = DurableJson.Serialize(input);
        return WithRetry(options?.Retry, async () => DurableJson.Deserialize<T>(await _session.ScheduleActivity(name, serialized))!);
    }

    /// <summary>Starts a sub-orchestration and waits for it; its failure is thrown as a <see cref="TaskFailedException"/>.</summary>
    public Task CallSubOrchestratorAsync(string orchestratorName, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(orchestratorName, input, options);

    /// <summary>Starts a sub-orchestration and returns its output.</summary>
    public Task<T> CallSubOrchestratorAsync<T>(string orchestratorName, object? input = null, TaskOptions? options = null)
    {
        var serialized = DurableJson.Serialize(input);
        var sub = options as SubOrchestrationOptions;
        var attempt = 0;
        return WithRetry(options?.Retry, async () =>
        {
            // Each retry is a new child instance; an explicit id gets an attempt suffix after the first try.
            var id = sub?.InstanceId is { } given && attempt++ > 0 ? $"{given}:{attempt}" : sub?.InstanceId;
            return DurableJson.Deserialize<T>(await _session.ScheduleSubOrchestration(orchestratorName, sub?.Version, id, serialized))!;
        });
    }

    /// <summary>A durable timer: completes at <paramref name="fireAt"/> (UTC), survives restarts, costs nothing while waiting.</summary>
    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => _session.CreateTimer(fireAt, cancellationToken);

    /// <summary>A durable timer that completes after <paramref name="delay"/> from the current step's time.</summary>
    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) => CreateTimer(CurrentUtcDateTime + delay, cancellationToken);

    /// <summary>Waits for an external event (names are case-insensitive; events that arrived earlier are buffered).</summary>
    public async Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        DurableJson.Deserialize<T>(await _session.WaitForEvent(eventName, cancellationToken))!;

    /// <summary>Waits for an external event at most <paramref name="timeout"/>; throws <see cref="TaskCanceledException"/> when it expires.</summary>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout)
    {
        using var timerCancellation = new CancellationTokenSource();
        using var waitCancellation = new CancellationTokenSource();
        var received = WaitForExternalEvent<T>(eventName, waitCancellation.Token);
        var timer = CreateTimer(timeout, timerCancellation.Token);
        if (await Task.WhenAny(received, timer) == received)
        {
            timerCancellation.Cancel();
            return await received;
        }

        waitCancellation.Cancel();
        throw new TaskCanceledException($"External event '{eventName}' did not arrive within {timeout} (instance '{InstanceId}').");
    }

    /// <summary>Ends this execution and restarts the instance with a new input and an empty history.</summary>
    public void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        _session.RequestContinueAsNew(DurableJson.Serialize(newInput), preserveUnprocessedEvents);

    /// <summary>Sets a JSON-serialisable status visible to clients (at most <see cref="MaxCustomStatusLength"/> characters of JSON).</summary>
    public void SetCustomStatus(object? customStatus)
    {
        var serialized = DurableJson.Serialize(customStatus);
        if (serialized is { Length: > MaxCustomStatusLength })
        {
            throw new ArgumentException(
                $"Custom status is {serialized.Length} characters of JSON; the limit is {MaxCustomStatusLength}. Keep status small and put large data in activity outputs.",
                nameof(customStatus));
        }

        _session.CustomStatus = serialized;
    }

    /// <summary>A GUID that is the same on every replay.</summary>
    public Guid NewGuid() => _session.NewGuid();

    /// <summary>A logger that writes nothing while the code replays, so each message is logged once.</summary>
    public ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(_session.Environment.Loggers.CreateLogger(categoryName), this);

    /// <summary>A replay-safe logger named after <typeparamref name="T"/>.</summary>
    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);

    private async Task<T> WithRetry<T>(RetryPolicy? policy, Func<Task<T>> attempt)
    {
        if (policy is null)
        {
            return await attempt();
        }

        var firstAttemptAt = CurrentUtcDateTime;
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException e) when (number < policy.MaxNumberOfAttempts && policy.Handles(e.FailureDetails)
                && policy.WithinTimeout(CurrentUtcDateTime + policy.DelayAfter(number) - firstAttemptAt))
            {
                await CreateTimer(policy.DelayAfter(number), CancellationToken.None);
            }
        }
    }
}
