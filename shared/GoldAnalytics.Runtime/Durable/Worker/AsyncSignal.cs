namespace GoldAnalytics.Runtime.Durable.Worker;

/// <summary>A wake-up flag shared by loops: a signal wakes every waiter; signals before a wait count as one.</summary>
internal sealed class AsyncSignal
{
    private TaskCompletionSource _signal = NewSignal();

    public void Set() => Volatile.Read(ref _signal).TrySetResult();

    /// <summary>Waits for a signal or the timeout; true when signalled.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var signal = Volatile.Read(ref _signal);
        var signalled = signal.Task.IsCompleted || await Task.WhenAny(signal.Task, Task.Delay(timeout, cancellationToken)) == signal.Task;
        if (signalled)
        {
            // Re-arm before the caller looks for work, so a signal sent while it works is not lost.
            Interlocked.CompareExchange(ref _signal, NewSignal(), signal);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return signalled;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
