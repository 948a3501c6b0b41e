using GoldAnalytics.Data.Outbox;
using GoldAnalytics.Data.Webhooks;

namespace GoldAnalytics.Functions.Webhooks;

/// <summary>
/// The outbox subscriber of webhooks: turns each event into one delivery per matching enabled
/// subscription (a local insert, idempotent), so receivers that are slow or down only ever delay
/// their own deliveries, never the outbox or the dashboards.
/// </summary>
public sealed class WebhookFanOut(WebhookDeliveries deliveries) : IDomainEventSubscriber
{
    public string Name => "webhooks";

    public Task HandleAsync(IReadOnlyList<OutboxEvent> batch, CancellationToken cancellationToken) => deliveries.FanOutAsync(batch, cancellationToken);
}
