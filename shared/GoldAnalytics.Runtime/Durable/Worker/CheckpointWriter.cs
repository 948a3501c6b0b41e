using GoldAnalytics.Runtime.Durable.History;
using GoldAnalytics.Runtime.Durable.Orchestration;
using GoldAnalytics.Runtime.Durable.Store;

namespace GoldAnalytics.Runtime.Durable.Worker;

/// <summary>Turns a step's result into the rows its checkpoint writes: history, work, messages and the instance row.</summary>
internal static class CheckpointWriter
{
    public static void Write(ClaimedInstance instance, OrchestrationSession session, StepResult result, ICheckpointSink checkpoints, DateTime now)
    {
        if (result.ContinueAsNew is { } next)
        {
            // The new execution starts from an empty history; messages still addressed to the old one are dropped on arrival.
            var executionId = Guid.NewGuid();
            checkpoints.ResetHistory(instance.InstanceId);
            checkpoints.Send(instance.InstanceId, executionId,
                new ExecutionStarted(session.Name, session.Version, next.Input, session.Parent, next.CarriedEvents.Count > 0 ? next.CarriedEvents : null) { Timestamp = now });

            checkpoints.Update(new InstanceUpdate(instance.InstanceId, executionId, OrchestrationRuntimeStatus.ContinuedAsNew, null, result.CustomStatus, null, new NewInput(next.Input)));
            return;
        }

        checkpoints.AppendHistory(instance.InstanceId, session.ExecutionId, session.HistoryLength - result.NewHistory.Count, result.NewHistory);
        foreach (var action in result.Actions)
        {
            Schedule(instance, session, action, checkpoints, now);
        }

        checkpoints.Update(new InstanceUpdate(instance.InstanceId, session.ExecutionId, result.Status, result.Output, result.CustomStatus, result.Failure));
        if (result.IsTerminal && session.Parent is { } parent)
        {
            checkpoints.Send(parent.InstanceId, parent.ExecutionId, ParentNotice(parent, result, now));
        }
    }

    private static void Schedule(ClaimedInstance instance, OrchestrationSession session, PendingAction action, ICheckpointSink checkpoints, DateTime now)
    {
        switch (action)
        {
            case ActivityAction activity:
                checkpoints.ScheduleActivity(instance.InstanceId, session.ExecutionId, activity.TaskId, activity.Name, activity.Input);
                break;
            case TimerAction timer:
                checkpoints.Send(instance.InstanceId, session.ExecutionId, new TimerFired(timer.TaskId, timer.FireAt) { Timestamp = timer.FireAt }, timer.FireAt);
                break;
            case SubOrchestrationAction sub:
                var started = new ExecutionStarted(sub.Name, sub.Version, sub.Input, new ParentInstance(instance.InstanceId, session.ExecutionId, sub.TaskId)) { Timestamp = now };
                var refused = new SubOrchestrationFailed(sub.TaskId, new TaskFailureDetails(typeof(OrchestrationAlreadyExistsException).FullName!,
                    $"Sub-orchestration instance id '{sub.InstanceId}' is already in use; give each sub-orchestration a new id.", null)) { Timestamp = now };
                checkpoints.StartChild(new SubOrchestrationStart(sub.InstanceId, Guid.NewGuid(), started, refused));
                break;
        }
    }

    private static HistoryEvent ParentNotice(ParentInstance parent, StepResult result, DateTime now) => result.Status switch
    {
        OrchestrationRuntimeStatus.Completed => new SubOrchestrationCompleted(parent.TaskId, result.Output) { Timestamp = now },
        OrchestrationRuntimeStatus.Terminated => new SubOrchestrationFailed(parent.TaskId,
            new TaskFailureDetails("Terminated", $"The sub-orchestration was terminated: {DurableJson.Deserialize<string>(result.Output)}", null)) { Timestamp = now },
        _ => new SubOrchestrationFailed(parent.TaskId, result.Failure ?? new TaskFailureDetails("Unknown", "The sub-orchestration failed.", null)) { Timestamp = now },
    };
}
