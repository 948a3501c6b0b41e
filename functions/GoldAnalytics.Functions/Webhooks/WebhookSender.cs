using System.Security.Cryptography;
using GoldAnalytics.Adapters.Webhooks;
using GoldAnalytics.Data.Webhooks;
using Npgsql;

namespace GoldAnalytics.Functions.Webhooks;

/// <summary>
/// Posts due webhook deliveries. Every subscription with a due delivery gets a worker of its own, which
/// leases the subscription (so hosts share the work and a crashed host's lease runs out), posts its
/// oldest pending deliveries one after the other and stops at the first failure: the retry is scheduled
/// in the database with exponential backoff and the deliveries behind it wait for it, which keeps the
/// order. Workers run independently, so a receiver that hangs holds up only its own deliveries, and
/// failing subscriptions may hold at most half of the host's workers.
/// </summary>
public sealed partial class WebhookSender(
    NpgsqlDataSource dataSource, WebhookDeliveries deliveries, WebhookPoster poster, WebhookSecrets secrets, WebhookOptions options, TimeProvider clock, ILogger<WebhookSender> logger)
    : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Worker> _workers = [];

    /// <summary>Starts a worker for every due subscription this host is not posting to yet, within <see cref="WebhookOptions.Parallelism"/>; returns how many started.</summary>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        var due = await deliveries.DueSubscriptionsAsync(cancellationToken);
        var started = 0;
        lock (_gate)
        {
            foreach (var subscription in due)
            {
                if (_workers.TryGetValue(subscription.Id, out var running))
                {
                    // Its worker is between two batches or about to stop: it looks once more.
                    running.Again = true;
                    continue;
                }

                if (_workers.Count >= options.Parallelism)
                {
                    break;
                }

                if (subscription.Failing && _workers.Values.Count(w => w.Failing) >= options.FailingParallelism)
                {
                    continue;
                }

                var worker = new Worker(subscription.Failing);
                _workers[subscription.Id] = worker;
                worker.Task = Task.Run(() => RunAsync(subscription.Id, worker, cancellationToken), CancellationToken.None);
                started++;
            }
        }

        return started;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await using var listener = await dataSource.OpenConnectionAsync(stoppingToken);
                    await using (var listen = new NpgsqlCommand($"LISTEN {WebhookDeliveries.Channel}", listener))
                    {
                        await listen.ExecuteNonQueryAsync(stoppingToken);
                    }

                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await DispatchAsync(stoppingToken);
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
        finally
        {
            Task[] running;
            lock (_gate)
            {
                running = [.. _workers.Values.Select(w => w.Task)];
            }

            await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RunAsync(Guid subscription, Worker worker, CancellationToken cancellationToken)
    {
        try
        {
            do
            {
                while (await SendBatchAsync(subscription, cancellationToken))
                {
                }
            }
            while (LooksAgain(subscription, worker));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            LogWorkerFailed(logger, subscription, exception);
        }
        finally
        {
            lock (_gate)
            {
                if (_workers.TryGetValue(subscription, out var current) && current == worker)
                {
                    _workers.Remove(subscription);
                }
            }
        }
    }

    // Stops the worker unless a dispatch saw its subscription due meanwhile; atomic with the dispatch's check.
    private bool LooksAgain(Guid subscription, Worker worker)
    {
        lock (_gate)
        {
            if (worker.Again)
            {
                worker.Again = false;
                return true;
            }

            _workers.Remove(subscription);
            return false;
        }
    }

    // One batch, in order; true when all of it was delivered (there may be more).
    private async Task<bool> SendBatchAsync(Guid subscription, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        var batch = await deliveries.ClaimAsync(subscription, token, options.BatchSize, options.Lease, cancellationToken);
        if (batch.Count == 0)
        {
            return false;
        }

        try
        {
            foreach (var delivery in batch)
            {
                var attempt = delivery.Attempts + 1;
                var started = clock.GetUtcNow();
                var result = await PostAsync(delivery, started, cancellationToken);
                var outcome = new AttemptOutcome(delivery.Id, attempt, started, result.Duration, result.StatusCode, result.Failure?.Code, result.Failure?.Message, result.Delivered);
                var enabled = await deliveries.RecordAsync(outcome, options.Backoff(attempt), options.MaxAttempts, options.DisableAfterFailures, CancellationToken.None);
                if (!result.Delivered)
                {
                    LogAttemptFailed(logger, delivery.Id, subscription, attempt, result.Failure?.Code ?? "");
                    if (!enabled)
                    {
                        LogDisabled(logger, subscription);
                    }

                    // The deliveries behind a failed one wait for its retry: the order holds and a receiver that is down is spared.
                    return false;
                }
            }

            return true;
        }
        finally
        {
            await deliveries.ReleaseAsync(subscription, token, CancellationToken.None);
        }
    }

    private async Task<WebhookResult> PostAsync(DueDelivery delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string secret;
        try
        {
            secret = secrets.Open(delivery.SecretCiphertext, delivery.SecretKeyId, delivery.SubscriptionId);
        }
        catch (WebhookKeyMissingException)
        {
            return new WebhookResult(null, new WebhookFailure(WebhookFailures.SecretUnavailable, $"the signing secret cannot be opened: {WebhookOptions.SecretKeySetting} is not set on the host"), TimeSpan.Zero);
        }
        catch (CryptographicException)
        {
            return new WebhookResult(null, new WebhookFailure(WebhookFailures.SecretUnavailable, "the signing secret cannot be opened with the host's key: rotate the subscription's secret"), TimeSpan.Zero);
        }

        return await poster.PostAsync(new WebhookPost(new Uri(delivery.Url), WebhookEventBody.Of(delivery), secret,
            WebhookEventBody.DeliveryId(delivery.SubscriptionId, delivery.EventId), delivery.Kind), now, cancellationToken);
    }

    private sealed class Worker(bool failing)
    {
        public bool Failing { get; } = failing;

        public bool Again { get; set; }

        public Task Task { get; set; } = Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook listener connection lost; reconnecting")]
    private static partial void LogConnectionLost(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook worker of subscription {Subscription} stopped on a database error; the next dispatch resumes it")]
    private static partial void LogWorkerFailed(ILogger logger, Guid subscription, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to subscription {Subscription} failed (attempt {Attempt}): {Failure}")]
    private static partial void LogAttemptFailed(ILogger logger, long deliveryId, Guid subscription, int attempt, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook subscription {Subscription} disabled after repeated failures")]
    private static partial void LogDisabled(ILogger logger, Guid subscription);
}
