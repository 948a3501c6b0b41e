using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Durable.History;
using GoldAnalytics.Runtime.Durable.Orchestration;
using GoldAnalytics.Runtime.Durable.Store;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GoldAnalytics.Runtime.Durable.Worker;

/// <summary>
/// Claims a batch of instances, runs one orchestrator step for each (from the cached session or a replay of its
/// history) and commits all their checkpoints in the claiming transaction.
/// </summary>
internal sealed class OrchestrationProcessor(
    NpgsqlDataSource dataSource, DurableRegistry registry, IFunctionDispatcher dispatcher, SessionCache cache, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger<OrchestrationProcessor>();
    private readonly OrchestrationEnvironment _environment = new(loggers, registry.VersionOf);

    /// <summary>Processes one batch; returns the number of instances it claimed (0 when there was no work).</summary>
    public async Task<int> ProcessBatchAsync(int size, CancellationToken cancellationToken)
    {
        await using var batch = await OrchestrationWorkBatch.ClaimAsync(dataSource, size, registry.Known, cancellationToken);
        if (batch is null)
        {
            return 0;
        }

        var sessions = batch.Instances.ToDictionary(i => i.InstanceId, i => cache.Take(i.InstanceId, i.ExecutionId, i.Checkpoint));
        // Checkpoint 0 means no step was ever committed: there is no history to read.
        var misses = batch.Instances.Where(i => sessions[i.InstanceId] is null && i.Checkpoint > 0).Select(i => i.InstanceId).ToList();
        var history = await batch.LoadHistoryAsync(misses, cancellationToken);
        var checkpoints = new CheckpointBatch();
        var keep = new List<(OrchestrationSession Session, long Checkpoint)>();
        foreach (var instance in batch.Instances)
        {
            var session = sessions[instance.InstanceId] ?? NewSession(instance, history.GetValueOrDefault(instance.InstanceId) ?? []);
            var stepped = Step(instance, [.. batch.Messages[instance.InstanceId]], session, checkpoints);
            if (stepped is { } kept)
            {
                keep.Add(kept);
            }
        }

        await batch.CommitAsync(checkpoints, cancellationToken);
        foreach (var (session, checkpoint) in keep)
        {
            session.Checkpoint = checkpoint;
            cache.Put(session);
        }

        return batch.Instances.Count;
    }

    private OrchestrationSession NewSession(ClaimedInstance instance, List<HistoryEvent> history)
    {
        var session = new OrchestrationSession(instance.InstanceId, instance.ExecutionId, Invoke, _environment);
        if (history.Count > 0)
        {
            session.Replay(history);
        }

        return session;
    }

    private Task<object?> Invoke(TaskOrchestrationContext context) =>
        dispatcher.DispatchAsync(
            new FunctionInvocation(registry.OrchestratorName(context.Name) ?? context.Name, context, new Dictionary<string, object?> { ["instanceId"] = context.InstanceId }),
            CancellationToken.None);

    private (OrchestrationSession, long)? Step(ClaimedInstance instance, List<InboxMessage> inbox, OrchestrationSession session, CheckpointBatch checkpoints)
    {
        if (instance.Status.IsTerminal())
        {
            // Late activity results, events or timers for a finished instance: nothing will read them.
            checkpoints.Consume(inbox.Select(m => m.Id));
            return null;
        }

        var current = inbox.Where(m => m.ExecutionId is null || m.ExecutionId == instance.ExecutionId).ToList();
        checkpoints.Consume(inbox.Except(current).Select(m => m.Id));
        if (instance.Status == OrchestrationRuntimeStatus.Suspended && !current.Any(m => m.Event is ExecutionResumed))
        {
            // Suspended: only control messages are consumed; the rest wait in the inbox for the resume.
            current = [.. current.Where(m => m.Event is ExecutionTerminated or ExecutionSuspended)];
        }

        if (current.Count == 0)
        {
            return (session, instance.Checkpoint);
        }

        StepResult result;
        try
        {
            result = session.RunStep([.. current.Select(m => m.Event)], DateTime.UtcNow);
        }
#pragma warning disable CA1031 // One instance's broken state must not block the others in its batch.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.LogError(e, "Orchestration instance {InstanceId} failed outside its code", instance.InstanceId);
            checkpoints.Consume(current.Select(m => m.Id));
            checkpoints.Update(new InstanceUpdate(instance.InstanceId, instance.ExecutionId, OrchestrationRuntimeStatus.Failed, null, null, TaskFailureDetails.FromException(e)));
            return null;
        }

        // Events the ended execution did not get to stay in the inbox for the continued one, in their original order.
        var kept = result.ContinueAsNew is { PreserveUnprocessedEvents: true }
            ? result.Unapplied.OfType<EventRaised>().ToHashSet<HistoryEvent>(ReferenceEqualityComparer.Instance)
            : [];
        checkpoints.Consume(current.Where(m => !kept.Contains(m.Event)).Select(m => m.Id));

        CheckpointWriter.Write(instance, session, result, checkpoints);
        if (result.Status == OrchestrationRuntimeStatus.Failed && result.Failure is { } failure)
        {
            _logger.LogWarning("Orchestration {Name} instance {InstanceId} failed: {Failure}", session.Name, instance.InstanceId, failure);
        }

        return result.Status is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended or OrchestrationRuntimeStatus.Pending
            ? (session, instance.Checkpoint + 1)
            : null;
    }
}
