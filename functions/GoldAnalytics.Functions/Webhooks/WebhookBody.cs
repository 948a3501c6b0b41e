using System.Text.Json;
using GoldAnalytics.Data.Webhooks;

namespace GoldAnalytics.Functions.Webhooks;

/// <summary>The JSON a receiver gets: the delivery id (to deduplicate), the event and when it happened.</summary>
public sealed record WebhookEventBody(
    string Id, long EventId, string Kind, string Entity, string EntityId, IReadOnlyList<DateOnly> BusinessDates, IReadOnlyList<int> BranchIds, string Actor, DateTimeOffset OccurredAt)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The body of a claimed delivery; the same bytes on every attempt.</summary>
    public static byte[] Of(DueDelivery delivery) => JsonSerializer.SerializeToUtf8Bytes(new WebhookEventBody(
        DeliveryId(delivery.SubscriptionId, delivery.EventId), delivery.EventId, delivery.Kind, delivery.Entity, delivery.EntityId,
        [.. delivery.BusinessDates.Select(DateOnly.FromDateTime)], delivery.BranchIds, delivery.Actor,
        new DateTimeOffset(DateTime.SpecifyKind(delivery.OccurredAt, DateTimeKind.Utc))), Json);

    /// <summary>Stable across retries and redeliveries of the same event to the same subscription.</summary>
    public static string DeliveryId(Guid subscriptionId, long eventId) => $"{subscriptionId:N}-{eventId}";
}
