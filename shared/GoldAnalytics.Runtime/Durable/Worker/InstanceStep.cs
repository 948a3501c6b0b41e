using GoldAnalytics.Runtime.Durable.History;
using GoldAnalytics.Runtime.Durable.Orchestration;
using GoldAnalytics.Runtime.Durable.Store;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Runtime.Durable.Worker;

/// <summary>
/// One orchestrator step of one instance: which inbox messages apply (current execution, suspension), running
/// them through the session, and what to consume. Shared by the PostgreSQL worker and the in-memory harness.
/// </summary>
internal static class InstanceStep
{
    /// <summary>Runs one step of an instance and writes its checkpoint; returns the session to keep and its new checkpoint, or null.</summary>
    public static (OrchestrationSession, long)? Run(ClaimedInstance instance, List<InboxMessage> inbox, OrchestrationSession session, ICheckpointSink checkpoints, DateTime now, ILogger logger)
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
            result = session.RunStep([.. current.Select(m => m.Event)], now);
        }
#pragma warning disable CA1031 // One instance's broken state must not block the others in its batch.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogError(e, "Orchestration instance {InstanceId} failed outside its code", instance.InstanceId);
            checkpoints.Consume(current.Select(m => m.Id));
            checkpoints.Update(new InstanceUpdate(instance.InstanceId, instance.ExecutionId, OrchestrationRuntimeStatus.Failed, null, null, TaskFailureDetails.FromException(e)));
            return null;
        }

        // Events the ended execution did not get to stay in the inbox for the continued one, in their original order.
        var kept = result.ContinueAsNew is { PreserveUnprocessedEvents: true }
            ? result.Unapplied.OfType<EventRaised>().ToHashSet<HistoryEvent>(ReferenceEqualityComparer.Instance)
            : [];
        checkpoints.Consume(current.Where(m => !kept.Contains(m.Event)).Select(m => m.Id));

        CheckpointWriter.Write(instance, session, result, checkpoints, now);
        if (result.Status == OrchestrationRuntimeStatus.Failed && result.Failure is { } failure)
        {
            logger.LogWarning("Orchestration {Name} instance {InstanceId} failed: {Failure}", session.Name, instance.InstanceId, failure);
        }

        return result.Status is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended or OrchestrationRuntimeStatus.Pending
            ? (session, instance.Checkpoint + 1)
            : null;
    }
}
