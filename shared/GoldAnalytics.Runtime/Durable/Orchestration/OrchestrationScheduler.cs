using System.Collections.Concurrent;

namespace GoldAnalytics.Runtime.Durable.Orchestration;

/// <summary>
/// Runs an orchestrator's continuations one at a time on the thread that drives the step, so the code
/// advances only when the engine delivers a history event and every run of it sees the same order.
/// </summary>
internal sealed class OrchestrationScheduler : TaskScheduler
{
    private readonly ConcurrentQueue<Task> _queue = new();

    public override int MaximumConcurrencyLevel => 1;

    public Task<T> Start<T>(Func<Task<T>> function) =>
        Task.Factory.StartNew(function, CancellationToken.None, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    /// <summary>Runs queued continuations until the orchestrator waits on something only history can complete.</summary>
    public void RunUntilQuiescent()
    {
        while (_queue.TryDequeue(out var task))
        {
            TryExecuteTask(task);
        }
    }

    protected override void QueueTask(Task task) => _queue.Enqueue(task);

    // Never inline: continuations run in queue order from RunUntilQuiescent, which keeps replay deterministic.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => [.. _queue];
}
