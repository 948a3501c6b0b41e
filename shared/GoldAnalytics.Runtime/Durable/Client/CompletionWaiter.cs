using System.Collections.Concurrent;
using GoldAnalytics.Runtime.Durable.Store;
using GoldAnalytics.Runtime.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GoldAnalytics.Runtime.Durable.Client;

/// <summary>
/// Wakes clients waiting for instances to finish: one LISTEN connection per client, started on first use,
/// and a slow poll as the fallback for notifications lost while reconnecting.
/// </summary>
internal sealed class CompletionWaiter(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    private static readonly TimeSpan FallbackPoll = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _startLock = new();
    private Task? _listening;

    /// <summary>Returns once <paramref name="isFinished"/> says so, checking again on each completion notification for the instance.</summary>
    public async Task WaitAsync(string instanceId, Func<Task<bool>> isFinished, CancellationToken cancellationToken)
    {
        EnsureListening();
        while (true)
        {
            // Register before checking: a completion between the check and the wait still wakes us.
            var signal = _waiting.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            if (await isFinished())
            {
                return;
            }

            await Task.WhenAny(signal.Task, Task.Delay(FallbackPoll, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            _waiting.TryRemove(new KeyValuePair<string, TaskCompletionSource>(instanceId, signal));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_listening is not null)
        {
            await _listening;
        }

        _stop.Dispose();
    }

    private void EnsureListening()
    {
        if (_listening is not null)
        {
            return;
        }

        lock (_startLock)
        {
            if (_listening is null)
            {
                var listener = new NotificationListener(dataSource, [Channels.Completed], (_, id) => Wake(id), WakeEveryone, NullLogger.Instance);
                _listening = Task.Run(() => listener.RunAsync(_stop.Token));
            }
        }
    }

    private void Wake(string instanceId)
    {
        if (_waiting.TryRemove(instanceId, out var signal))
        {
            signal.TrySetResult();
        }
    }

    private void WakeEveryone()
    {
        foreach (var id in _waiting.Keys)
        {
            Wake(id);
        }
    }
}
