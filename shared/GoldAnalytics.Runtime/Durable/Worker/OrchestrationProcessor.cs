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

        try
        {
            await StepAndCommitAsync(batch, cancellationToken);
        }
        catch (Exception e) when (batch.Instances.Count == 1 && PoisonGuard.IsDeterministic(e))
        {
            throw new InstanceCheckpointException(batch.Instances[0].InstanceId, e);
        }

        return batch.Instances.Count;
    }

    private async Task StepAndCommitAsync(OrchestrationWorkBatch batch, CancellationToken cancellationToken)
    {
        var sessions = batch.Instances.ToDictionary(i => i.InstanceId, i => cache.Take(i.InstanceId, i.ExecutionId, i.Checkpoint));
        // Checkpoint 0 means no step was ever committed: there is no history to read.
        var misses = batch.Instances.Where(i => sessions[i.InstanceId] is null && i.Checkpoint > 0).Select(i => i.InstanceId).ToList();
        var history = await batch.LoadHistoryAsync(misses, cancellationToken);
        var checkpoints = new CheckpointBatch();
        var keep = new List<(OrchestrationSession Session, long Checkpoint)>();
        foreach (var instance in batch.Instances)
        {
            var session = sessions[instance.InstanceId] ?? NewSession(instance, history.GetValueOrDefault(instance.InstanceId) ?? []);
            var stepped = InstanceStep.Run(instance, [.. batch.Messages[instance.InstanceId]], session, checkpoints, DateTime.UtcNow, _logger);
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
}
