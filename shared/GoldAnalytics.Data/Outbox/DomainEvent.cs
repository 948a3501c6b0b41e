namespace GoldAnalytics.Data.Outbox;

/// <summary>A change the rest of the system reacts to: what happened, to which record, and which days and branches it affects.</summary>
public sealed record DomainEvent(string Kind, string Entity, string EntityId, IReadOnlyList<DateOnly> BusinessDates, IReadOnlyList<int> BranchIds);

/// <summary>An outbox event as a dispatcher delivers it: the stored id, the event, who caused it and when.</summary>
public sealed record OutboxEvent(long Id, DomainEvent Event, string Actor, DateTimeOffset OccurredAt, int Attempts);

/// <summary>Receives committed domain events; called at least once per event, so it must be idempotent.</summary>
public interface IDomainEventSubscriber
{
    /// <summary>Handles a batch of events in commit order; throwing makes the whole batch be delivered again later.</summary>
    Task HandleAsync(IReadOnlyList<OutboxEvent> batch, CancellationToken cancellationToken);
}
