using GoldAnalytics.Data.Outbox;
using Npgsql;

namespace GoldAnalytics.Functions.Live;

/// <summary>How the dispatcher claims and retries outbox events.</summary>
public sealed record OutboxDispatcherOptions
{
    /// <summary>Longest wait for a notification before polling anyway (a missed NOTIFY, another host's lease that ran out).</summary>
    public TimeSpan PollingInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claim holds before another dispatcher may take the events over.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Events claimed at once.</summary>
    public int BatchSize { get; init; } = 200;
}

/// <summary>
/// Delivers committed outbox events to every <see cref="IDomainEventSubscriber"/>, at least once:
/// woken by LISTEN/NOTIFY, polling as a fallback, claiming with leases (FOR UPDATE SKIP LOCKED) so
/// several hosts share the work and a crashed host's events are taken over when its lease ends.
/// </summary>
public sealed partial class OutboxDispatcher(
    NpgsqlDataSource dataSource, OutboxStore outbox, IEnumerable<IDomainEventSubscriber> subscribers, OutboxDispatcherOptions options, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await dataSource.OpenConnectionAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {OutboxStore.Channel}", listener))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                while (!stoppingToken.IsCancellationRequested)
                {
                    while (await DeliverBatchAsync(stoppingToken))
                    {
                    }

                    await listener.WaitAsync(options.PollingInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                LogConnectionLost(logger, exception);
                await Task.Delay(options.PollingInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Claims and delivers one batch; true when there may be more.</summary>
    public async Task<bool> DeliverBatchAsync(CancellationToken cancellationToken)
    {
        var events = await outbox.ClaimAsync(options.BatchSize, options.Lease, cancellationToken);
        if (events.Count == 0)
        {
            return false;
        }

        var ids = events.Select(e => e.Id).ToList();
        try
        {
            foreach (var subscriber in subscribers)
            {
                await subscriber.HandleAsync(events, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var attempts = events.Max(e => e.Attempts);
            LogDeliveryFailed(logger, exception, events.Count, attempts);
            await outbox.FailAsync(ids, exception.Message, Backoff(attempts), CancellationToken.None);
            return false;
        }

        await outbox.CompleteAsync(ids, CancellationToken.None);
        return events.Count == options.BatchSize;
    }

    // 1 s, 2 s, 4 s ... up to 5 minutes between attempts of a failing batch.
    private static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(attempts, 20) - 1)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox listener connection lost; reconnecting")]
    private static partial void LogConnectionLost(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering {Count} outbox events failed (attempt {Attempts}); retrying later")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, int count, int attempts);
}
