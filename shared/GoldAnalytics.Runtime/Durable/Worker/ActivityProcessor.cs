using System.Collections.Concurrent;
using System.Threading.Channels;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Durable.History;
using GoldAnalytics.Runtime.Durable.Store;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Runtime.Durable.Worker;

/// <summary>
/// Runs activities: claims as many as it has free slots, runs them concurrently, and completes finished ones
/// in batches. Leases of running activities are renewed, so only a dead host's work is redelivered.
/// </summary>
internal sealed class ActivityProcessor(
    ActivityQueue queue, DurableRegistry registry, IFunctionDispatcher dispatcher, DurableTaskOptions options, AsyncSignal wakeUp, ILogger logger)
{
    private readonly ConcurrentDictionary<long, byte> _running = new();
    private readonly Channel<(long Id, HistoryEvent Result)> _finished = Channel.CreateUnbounded<(long, HistoryEvent)>();
    private readonly AsyncSignal _slotFreed = new();

    public Task RunAsync(CancellationToken stopping) =>
        Task.WhenAll(ClaimLoopAsync(stopping), CompletionLoopAsync(stopping), LeaseRenewalLoopAsync(stopping));

    private async Task ClaimLoopAsync(CancellationToken stopping)
    {
        if (registry.ActivityNames.Count == 0)
        {
            return;
        }

        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var free = options.MaxConcurrentActivityFunctions - _running.Count;
                if (free <= 0)
                {
                    await _slotFreed.WaitAsync(options.MaxPollingInterval, stopping);
                    continue;
                }

                var claimed = await queue.ClaimAsync(registry.ActivityNames, Math.Min(free, 200), stopping);
                foreach (var activity in claimed)
                {
                    _running[activity.Id] = 0;
                    _ = Task.Run(() => ExecuteAsync(activity, stopping), CancellationToken.None);
                }

                if (claimed.Count == 0)
                {
                    await wakeUp.WaitAsync(options.MaxPollingInterval, stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop outlives database outages: log, back off, go on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning(e, "Claiming activities failed; retrying");
                await Backoff(stopping);
            }
        }
    }

    private async Task ExecuteAsync(ClaimedActivity activity, CancellationToken stopping)
    {
        HistoryEvent result;
        try
        {
            var function = registry.Activity(activity.Name) ?? throw new InvalidOperationException($"Activity '{activity.Name}' is not a function of this app.");
            var input = DurableJson.Deserialize(activity.Input, function.TriggerParameter.ParameterType);
            var output = await dispatcher.DispatchAsync(
                new FunctionInvocation(function.Name, input, new Dictionary<string, object?> { ["instanceId"] = activity.InstanceId }), stopping);
            result = new TaskCompleted(activity.TaskId, DurableJson.Serialize(output)) { Timestamp = DateTime.UtcNow };
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Host stopping: leave the item to its lease; another host (or this one restarted) runs it again.
            _running.TryRemove(activity.Id, out _);
            return;
        }
#pragma warning disable CA1031 // An activity's exception is its result: the orchestrator receives it as a TaskFailedException.
        catch (Exception e)
#pragma warning restore CA1031
        {
            result = new TaskFailed(activity.TaskId, TaskFailureDetails.FromException(e)) { Timestamp = DateTime.UtcNow };
        }

        await _finished.Writer.WriteAsync((activity.Id, result), CancellationToken.None);
    }

    private async Task CompletionLoopAsync(CancellationToken stopping)
    {
        var pending = new List<(long Id, HistoryEvent Result)>();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (pending.Count == 0 && !await _finished.Reader.WaitToReadAsync(stopping))
                {
                    return;
                }

                while (pending.Count < 1000 && _finished.Reader.TryRead(out var item))
                {
                    pending.Add(item);
                }

                await queue.CompleteAsync(pending, stopping);
                foreach (var (id, _) in pending)
                {
                    _running.TryRemove(id, out _);
                }

                pending.Clear();
                _slotFreed.Set();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Results are kept and retried until the database is back.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning(e, "Completing {Count} activities failed; retrying", pending.Count);
                await Backoff(stopping);
            }
        }
    }

    private async Task LeaseRenewalLoopAsync(CancellationToken stopping)
    {
        var period = options.ActivityLease / 3;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, stopping);
                await queue.RenewAsync([.. _running.Keys], stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A missed renewal is retried next period; the lease covers several periods.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning(e, "Renewing activity leases failed");
            }
        }
    }

    private static async Task Backoff(CancellationToken stopping)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), stopping);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
