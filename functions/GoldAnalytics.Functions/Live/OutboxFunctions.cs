using GoldAnalytics.Data.Outbox;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoldAnalytics.Functions.Live;

/// <summary>Admin view of the outbox: each subscriber's backlog, its failing and dead events, and redelivery.</summary>
public sealed class OutboxFunctions(OutboxDeliveries deliveries)
{
    [Function("OutboxSubscribers")]
    public async Task<Ok<IReadOnlyList<SubscriberBacklog>>> Subscribers(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "outbox/subscribers")] HttpRequest request,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await deliveries.BacklogsAsync(cancellationToken));

    /// <summary>Receipts that failed (still retrying) or are dead; <c>state</c> = stuck (both, default), failing or dead.</summary>
    [Function("OutboxDeliveries")]
    public async Task<Ok<IReadOnlyList<DeliveryView>>> List(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "outbox/deliveries")] HttpRequest request,
        CancellationToken cancellationToken,
        string state = "stuck",
        string? subscriber = null,
        int limit = 100)
    {
        if (!Enum.TryParse<DeliveryState>(state, ignoreCase: true, out var parsed) || int.TryParse(state, out _))
        {
            throw Invalid("state", "state is stuck, failing or dead.");
        }

        if (limit is < 1 or > 1000)
        {
            throw Invalid("limit", "limit is between 1 and 1000.");
        }

        return TypedResults.Ok(await deliveries.ListAsync(parsed, subscriber, limit, cancellationToken));
    }

    /// <summary>Delivers the event to the subscriber again now, with a fresh count of attempts.</summary>
    [Function("OutboxRedeliver")]
    public async Task<Ok<DeliveryView>> Redeliver(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "outbox/deliveries/{subscriber}/{eventId}/redeliver")] HttpRequest request,
        string subscriber,
        long eventId,
        CancellationToken cancellationToken)
    {
        var view = await deliveries.RedeliverAsync(subscriber, eventId, cancellationToken)
            ?? throw new ProblemException(404, ProblemCodes.NotFound, $"Subscriber '{subscriber}' has no receipt of event {eventId}; list them with GET /api/outbox/deliveries.");
        return TypedResults.Ok(view);
    }

    private static ProblemException Invalid(string field, string message) =>
        new(400, ProblemCodes.InvalidValue, message, [new FieldError(field, ProblemCodes.InvalidValue, message)]);
}
