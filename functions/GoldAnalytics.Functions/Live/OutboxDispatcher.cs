using GoldAnalytics.Data.Outbox;
using Npgsql;

namespace GoldAnalytics.Functions.Live;

/// <summary>How the dispatcher claims, retries and gives up on outbox events (configuration section <c>GA_OUTBOX</c>).</summary>
public sealed record OutboxDispatcherOptions
{
    /// <summary>Longest wait for a notification before polling anyway (a missed NOTIFY, another host's lease that ran out).</summary>
    public TimeSpan PollingInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claim holds before another dispatcher may take the events over.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Events claimed at once, per subscriber.</summary>
    public int BatchSize { get; init; } = 200;

    /// <summary>The wait after a subscriber's first failure; it doubles with every further attempt.</summary>
    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetry { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts before an event is dead for a subscriber (listed by the admin API until redelivered).</summary>
    public int MaxAttempts { get; init; } = 12;

    /// <summary>The wait before the given attempt's retry: <see cref="FirstRetry"/> × 2^(attempt − 1), at most <see cref="MaxRetry"/>.</summary>
    public TimeSpan Backoff(int attempts) =>
        TimeSpan.FromTicks((long)Math.Min(MaxRetry.Ticks, FirstRetry.Ticks * Math.Pow(2, Math.Clamp(attempts, 1, 30) - 1)));
}

/// <summary>
/// Delivers committed outbox events to every <see cref="IDomainEventSubscriber"/>, at least once and
/// each on its own: every subscriber has its own receipts, its own worker, retries and dead letters,
/// so a failing or slow subscriber never delays another. Woken by LISTEN/NOTIFY, polling as a
/// fallback; receipts are claimed with leases (FOR UPDATE SKIP LOCKED), so several hosts share the
/// work and a crashed host's claims are taken over when their lease ends.
/// </summary>
public sealed partial class OutboxDispatcher(
    NpgsqlDataSource dataSource, OutboxStore outbox, IEnumerable<IDomainEventSubscriber> subscribers, OutboxDispatcherOptions options, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    private readonly IReadOnlyList<IDomainEventSubscriber> _subscribers = [.. subscribers];

    /// <summary>The subscribers this dispatcher delivers to.</summary>
    public IReadOnlyList<IDomainEventSubscriber> Subscribers => _subscribers;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wakeUps = _subscribers.ToDictionary(s => s.Name, _ => new SemaphoreSlim(0));
        var workers = _subscribers.Select(s => WorkAsync(s, wakeUps[s.Name], stoppingToken)).ToList();
        await ListenAsync(wakeUps.Values, stoppingToken);
        await Task.WhenAll(workers);
        foreach (var wakeUp in wakeUps.Values)
        {
            wakeUp.Dispose();
        }
    }

    /// <summary>Delivers what is due to every subscriber until nothing is left (tests and tools; the hosted service does this by itself).</summary>
    public async Task DeliverAllAsync(CancellationToken cancellationToken)
    {
        foreach (var subscriber in _subscribers)
        {
            while (await DeliverBatchAsync(subscriber, cancellationToken) == BatchOutcome.More)
            {
            }
        }
    }

    /// <summary>Claims and delivers one batch of the subscriber's due receipts.</summary>
    public async Task<BatchOutcome> DeliverBatchAsync(IDomainEventSubscriber subscriber, CancellationToken cancellationToken)
    {
        var events = await outbox.ClaimAsync(subscriber.Name, options.BatchSize, options.Lease, cancellationToken);
        if (events.Count == 0)
        {
            return BatchOutcome.Empty;
        }

        var batchError = await TryHandleAsync(subscriber, events, cancellationToken);
        if (batchError is null)
        {
            await outbox.CompleteAsync(subscriber.Name, events.Select(e => e.Id), CancellationToken.None);
            return events.Count == options.BatchSize ? BatchOutcome.More : BatchOutcome.Done;
        }

        // One bad event must not hold back the rest of its batch: retry each alone, and only those that fail again wait.
        var failed = 0;
        foreach (var single in events)
        {
            if ((events.Count == 1 ? batchError : await TryHandleAsync(subscriber, [single], cancellationToken)) is { } error)
            {
                failed++;
                var dead = await outbox.FailAsync(subscriber.Name, [single.Id], error.Message, options.Backoff(single.Attempts), options.MaxAttempts, CancellationToken.None);
                LogDeliveryFailed(logger, error, subscriber.Name, single.Id, single.Attempts, dead.Count > 0 ? "dead" : "retrying");
            }
            else
            {
                await outbox.CompleteAsync(subscriber.Name, [single.Id], CancellationToken.None);
            }
        }

        return failed == events.Count ? BatchOutcome.Failed : BatchOutcome.Done;
    }

    private static async Task<Exception?> TryHandleAsync(IDomainEventSubscriber subscriber, IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            await subscriber.HandleAsync(events, cancellationToken);
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return exception;
        }
    }

    private async Task WorkAsync(IDomainEventSubscriber subscriber, SemaphoreSlim wakeUp, CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.PollingInterval;
            try
            {
                BatchOutcome outcome;
                while ((outcome = await DeliverBatchAsync(subscriber, stoppingToken)) is BatchOutcome.More or BatchOutcome.Done)
                {
                }

                // After a failure the earliest retry may come before the next poll.
                wait = outcome == BatchOutcome.Failed && options.FirstRetry < wait ? options.FirstRetry : wait;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                LogClaimFailed(logger, exception, subscriber.Name);
            }

            await ((Task)wakeUp.WaitAsync(wait, stoppingToken)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ListenAsync(IEnumerable<SemaphoreSlim> wakeUps, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await dataSource.OpenConnectionAsync(stoppingToken);
                listener.Notification += (_, _) => WakeAll(wakeUps);
                await using (var listen = new NpgsqlCommand($"LISTEN {OutboxStore.Channel}", listener))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                await outbox.RegisterAsync(_subscribers.Select(s => s.Name), stoppingToken);
                WakeAll(wakeUps);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await listener.WaitAsync(stoppingToken);
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

    private static void WakeAll(IEnumerable<SemaphoreSlim> wakeUps)
    {
        foreach (var wakeUp in wakeUps)
        {
            // One pending wake-up is enough: the worker drains everything due when it runs.
            if (wakeUp.CurrentCount == 0)
            {
                wakeUp.Release();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox listener connection lost; reconnecting")]
    private static partial void LogConnectionLost(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming outbox events for {Subscriber} failed; polling again")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception, string subscriber);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering outbox event {EventId} to {Subscriber} failed (attempt {Attempts}); {Outcome}")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string subscriber, long eventId, int attempts, string outcome);
}

/// <summary>What one batch of a subscriber came to.</summary>
public enum BatchOutcome
{
    /// <summary>Nothing was due.</summary>
    Empty,

    /// <summary>Delivered (some events may have failed alone and wait for their retry).</summary>
    Done,

    /// <summary>Delivered a full batch; more may be due.</summary>
    More,

    /// <summary>Every event failed.</summary>
    Failed,
}
