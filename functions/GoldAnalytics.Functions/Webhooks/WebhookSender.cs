using System.Security.Cryptography;
using GoldAnalytics.Adapters.Webhooks;
using GoldAnalytics.Data.Webhooks;
using Npgsql;

namespace GoldAnalytics.Functions.Webhooks;

/// <summary>
/// Posts due webhook deliveries: per subscription, in order, claimed with leases (SKIP LOCKED) so
/// hosts share the work and a crashed host's claims run out; a failed attempt is retried with
/// exponential backoff, a delivery is dead after its last attempt, and a subscription that keeps
/// failing is disabled. Subscriptions are posted to in parallel, so one slow receiver delays only itself.
/// </summary>
public sealed partial class WebhookSender(
    NpgsqlDataSource dataSource, WebhookDeliveries deliveries, WebhookPoster poster, WebhookSecrets secrets, WebhookOptions options, TimeProvider clock, ILogger<WebhookSender> logger)
    : BackgroundService
{
    /// <summary>Posts everything due now, one batch per subscription (tests and tools; the hosted service loops on it).</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var subscriptions = await deliveries.DueSubscriptionsAsync(cancellationToken);
        var sent = 0;
        await Parallel.ForEachAsync(subscriptions, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
            async (subscription, ct) => Interlocked.Add(ref sent, await SendBatchAsync(subscription, ct)));
        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
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
                    while (await SendDueAsync(stoppingToken) > 0)
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

    private async Task<int> SendBatchAsync(Guid subscription, CancellationToken cancellationToken)
    {
        var batch = await deliveries.ClaimAsync(subscription, options.BatchSize, options.Lease, cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            var delivery = batch[i];
            var started = clock.GetUtcNow();
            var result = await PostAsync(delivery, started, cancellationToken);
            var outcome = new AttemptOutcome(delivery.Id, delivery.Attempts, started, result.Duration, result.StatusCode, result.Error, result.Delivered);
            var enabled = await deliveries.RecordAsync(outcome, options.Backoff(delivery.Attempts), options.MaxAttempts, options.DisableAfterFailures, CancellationToken.None);
            if (!result.Delivered)
            {
                LogAttemptFailed(logger, delivery.Id, subscription, delivery.Attempts, result.Error ?? "");
                if (!enabled)
                {
                    LogDisabled(logger, subscription);
                }

                // The rest of the batch waits behind the failed one, which keeps the order and spares a receiver that is down.
                await deliveries.ReleaseAsync([.. batch.Skip(i + 1).Select(d => d.Id)], options.Backoff(delivery.Attempts), CancellationToken.None);
                break;
            }
        }

        return batch.Count;
    }

    private async Task<WebhookResult> PostAsync(DueDelivery delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string secret;
        try
        {
            secret = secrets.Open(delivery.SecretCiphertext, delivery.SecretKeyId, delivery.SubscriptionId);
        }
        catch (Exception exception) when (exception is CryptographicException or WebhookKeyMissingException)
        {
            return new WebhookResult(null, $"The signing secret cannot be opened: {exception.Message}", TimeSpan.Zero);
        }

        return await poster.PostAsync(new WebhookPost(new Uri(delivery.Url), WebhookEventBody.Of(delivery), secret,
            WebhookEventBody.DeliveryId(delivery.SubscriptionId, delivery.EventId), delivery.Kind), now, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook listener connection lost; reconnecting")]
    private static partial void LogConnectionLost(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to subscription {Subscription} failed (attempt {Attempt}): {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, long deliveryId, Guid subscription, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook subscription {Subscription} disabled after repeated failures")]
    private static partial void LogDisabled(ILogger logger, Guid subscription);
}
