using Dapper;
using Npgsql;

namespace GoldAnalytics.Data.Outbox;

/// <summary>One subscriber's backlog: waiting, failing (retrying after an error) and dead receipts, and the oldest waiting event.</summary>
public sealed record SubscriberBacklog(string Subscriber, long Waiting, long Failing, long Dead, DateTime? OldestWaiting);

/// <summary>One subscriber's receipt of an event, as admins see it.</summary>
public sealed record DeliveryView(
    string Subscriber, long EventId, string Kind, string Entity, string EntityId, DateTime OccurredAt,
    int Attempts, DateTime DueAt, DateTime? DeliveredAt, DateTime? DeadAt, string? LastError);

/// <summary>Which receipts to list: failing ones still retrying, dead ones, or both.</summary>
public enum DeliveryState
{
    /// <summary>Failing or dead.</summary>
    Stuck,

    /// <summary>Not delivered yet, with an error from an earlier attempt.</summary>
    Failing,

    /// <summary>Gave up after the last allowed attempt.</summary>
    Dead,
}

/// <summary>The outbox's dead-letter view: backlogs per subscriber, stuck receipts, and redelivery.</summary>
public sealed class OutboxDeliveries(NpgsqlDataSource dataSource)
{
    /// <summary>Every registered subscriber's backlog.</summary>
    public async Task<IReadOnlyList<SubscriberBacklog>> BacklogsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<SubscriberBacklog>(new CommandDefinition("""
            SELECT s.name AS Subscriber,
                   count(d.event_id) FILTER (WHERE d.delivered_at IS NULL AND d.dead_at IS NULL) AS Waiting,
                   count(d.event_id) FILTER (WHERE d.delivered_at IS NULL AND d.dead_at IS NULL AND d.last_error IS NOT NULL) AS Failing,
                   count(d.event_id) FILTER (WHERE d.dead_at IS NOT NULL) AS Dead,
                   min(e.occurred_at) FILTER (WHERE d.delivered_at IS NULL AND d.dead_at IS NULL) AS OldestWaiting
              FROM outbox_subscribers s
              LEFT JOIN outbox_deliveries d ON d.subscriber = s.name AND d.delivered_at IS NULL
              LEFT JOIN outbox_events e ON e.id = d.event_id
             GROUP BY s.name
             ORDER BY s.name
            """, cancellationToken: cancellationToken))];
    }

    /// <summary>Receipts in the state, oldest event first, optionally of one subscriber.</summary>
    public async Task<IReadOnlyList<DeliveryView>> ListAsync(DeliveryState state, string? subscriber, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<DeliveryView>(new CommandDefinition($"""
            {Select}
             WHERE d.delivered_at IS NULL
               AND (@subscriber::text IS NULL OR d.subscriber = @subscriber)
               AND CASE @state
                     WHEN 'dead' THEN d.dead_at IS NOT NULL
                     WHEN 'failing' THEN d.dead_at IS NULL AND d.last_error IS NOT NULL
                     ELSE d.dead_at IS NOT NULL OR d.last_error IS NOT NULL END
             ORDER BY d.event_id, d.subscriber
             LIMIT @limit
            """, new { state = state.ToString().ToLowerInvariant(), subscriber, limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// Makes a receipt due now with a fresh count of attempts (dead, failing or already delivered:
    /// a replay), and wakes the dispatchers. Returns it, or null when there is no such receipt.
    /// </summary>
    public async Task<DeliveryView?> RedeliverAsync(string subscriber, long eventId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var found = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox_deliveries SET attempts = 0, due_at = now(), delivered_at = NULL, dead_at = NULL, last_error = NULL
             WHERE subscriber = @subscriber AND event_id = @eventId
            """, new { subscriber, eventId }, transaction, cancellationToken: cancellationToken));
        if (found == 0)
        {
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE outbox_events SET delivered_at = NULL WHERE id = @eventId; SELECT pg_notify('{OutboxStore.Channel}', '')",
            new { eventId }, transaction, cancellationToken: cancellationToken));
        var view = await connection.QuerySingleAsync<DeliveryView>(new CommandDefinition(
            $"{Select} WHERE d.subscriber = @subscriber AND d.event_id = @eventId", new { subscriber, eventId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return view;
    }

    private const string Select = """
        SELECT d.subscriber AS Subscriber, d.event_id AS EventId, e.kind AS Kind, e.entity AS Entity, e.entity_id AS EntityId, e.occurred_at AS OccurredAt,
               d.attempts AS Attempts, d.due_at AS DueAt, d.delivered_at AS DeliveredAt, d.dead_at AS DeadAt, d.last_error AS LastError
          FROM outbox_deliveries d JOIN outbox_events e ON e.id = d.event_id
        """;
}
