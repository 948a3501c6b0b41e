namespace GoldAnalytics.Data.Outbox;

/// <summary>A change the rest of the system reacts to: what happened, to which record, and which days and branches it affects.</summary>
public sealed record DomainEvent(string Kind, string Entity, string EntityId, IReadOnlyList<DateOnly> BusinessDates, IReadOnlyList<int> BranchIds);

/// <summary>An outbox event as a dispatcher delivers it to one subscriber: the stored id, the event, who caused it, when, and that subscriber's attempt.</summary>
public sealed record OutboxEvent(long Id, DomainEvent Event, string Actor, DateTimeOffset OccurredAt, int Attempts);

/// <summary>Receives committed domain events; called at least once per event, so it must be idempotent.</summary>
public interface IDomainEventSubscriber
{
    /// <summary>The stable name its delivery state is kept under (lower-case, e.g. <c>dashboard</c>).</summary>
    string Name { get; }

    /// <summary>Handles a batch of events in id order; throwing makes the batch (then each event alone) be retried later, for this subscriber only.</summary>
    Task HandleAsync(IReadOnlyList<OutboxEvent> batch, CancellationToken cancellationToken);
}
