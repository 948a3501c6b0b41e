using Dapper;
using GoldAnalytics.Data.Outbox;
using Npgsql;

namespace GoldAnalytics.Data.Webhooks;

/// <summary>A claimed delivery with everything needed to post it.</summary>
public sealed record DueDelivery
{
    public long Id { get; init; }

    public Guid SubscriptionId { get; init; }

    public string Url { get; init; } = "";

    public byte[] SecretCiphertext { get; init; } = [];

    public string SecretKeyId { get; init; } = "";

    public int Attempts { get; init; }

    public long EventId { get; init; }

    public string Kind { get; init; } = "";

    public string Entity { get; init; } = "";

    public string EntityId { get; init; } = "";

    public DateTime[] BusinessDates { get; init; } = [];

    public int[] BranchIds { get; init; } = [];

    public string Actor { get; init; } = "";

    public DateTime OccurredAt { get; init; }
}

/// <summary>A delivery in a subscription's log; a failure as a stable code and a fixed message.</summary>
public sealed record DeliveryLogEntry(
    long Id, long EventId, string Kind, string State, int Attempts, DateTime CreatedAt, DateTime? DeliveredAt, DateTime DueAt, int? LastStatus, string? LastError, string? LastErrorCode);

/// <summary>How an attempt ended, to record: the receiver's status, or the failure's code and message.</summary>
public sealed record AttemptOutcome(long DeliveryId, int Attempt, DateTimeOffset StartedAt, TimeSpan Duration, int? StatusCode, string? ErrorCode, string? Error, bool Delivered);

/// <summary>A subscription whose oldest pending delivery is due and that no sender holds; failing when its last attempt failed.</summary>
public sealed record DueSubscription(Guid Id, bool Failing);

/// <summary>
/// Webhook deliveries: fan-out from the outbox, claiming with leases, recording attempts, the log. A
/// subscription is held by one sender at a time (a lease on the subscription row) and its deliveries
/// go strictly in order: nothing is claimed while its oldest pending delivery waits for a retry.
/// </summary>
public sealed class WebhookDeliveries(NpgsqlDataSource dataSource)
{
    /// <summary>The channel the delivery insert trigger notifies.</summary>
    public const string Channel = "webhook_deliveries";

    /// <summary>One delivery per event and enabled subscription whose kinds match it; idempotent.</summary>
    public async Task<int> FanOutAsync(IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO webhook_deliveries (subscription_id, event_id, kind)
            SELECT s.id, e.id, e.kind
              FROM unnest(@ids, @kinds) AS e (id, kind)
              JOIN webhook_subscriptions s ON s.enabled
               AND EXISTS (SELECT 1 FROM unnest(s.event_kinds) AS p
                            WHERE p = '*' OR p = e.kind OR (right(p, 2) = '.*' AND starts_with(e.kind, left(p, -1))))
             ORDER BY e.id, s.id
            ON CONFLICT (subscription_id, event_id) DO NOTHING
            """, new { ids = events.Select(e => e.Id).ToArray(), kinds = events.Select(e => e.Event.Kind).ToArray() }, cancellationToken: cancellationToken));
    }

    /// <summary>Enabled, unheld subscriptions whose oldest pending delivery is due; healthy ones first, then the longest waiting.</summary>
    public async Task<IReadOnlyList<DueSubscription>> DueSubscriptionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<DueSubscription>(new CommandDefinition("""
            SELECT s.id AS Id, s.consecutive_failures > 0 AS Failing
              FROM webhook_subscriptions s
             CROSS JOIN LATERAL (SELECT d.due_at FROM webhook_deliveries d
                                  WHERE d.subscription_id = s.id AND d.state = 'pending' ORDER BY d.id LIMIT 1) head
             WHERE s.enabled AND (s.claimed_until IS NULL OR s.claimed_until <= now()) AND head.due_at <= now()
             ORDER BY s.consecutive_failures > 0, head.due_at
            """, cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// Leases the subscription for <paramref name="lease"/> under <paramref name="token"/> and returns its
    /// <paramref name="batch"/> oldest pending deliveries, in order; nothing when another sender holds it,
    /// it is disabled, or its oldest pending delivery is not due (the ones behind it wait, which keeps the order).
    /// </summary>
    public async Task<IReadOnlyList<DueDelivery>> ClaimAsync(Guid subscriptionId, Guid token, int batch, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Repeatable read: a sender whose snapshot predates another's lease fails (serialization) instead of
        // taking the subscription over with an outdated view of its deliveries.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        try
        {
            // The deliveries are read after the lease is taken, from a materialised set (never re-planned per row).
            var claimed = await connection.QueryAsync<DueDelivery>(new CommandDefinition("""
                WITH head AS MATERIALIZED (
                    SELECT due_at FROM webhook_deliveries
                     WHERE subscription_id = @subscriptionId AND state = 'pending'
                     ORDER BY id LIMIT 1),
                held AS (
                    UPDATE webhook_subscriptions s SET claimed_until = now() + @lease, claim_token = @token
                     WHERE s.id = @subscriptionId AND s.enabled AND (s.claimed_until IS NULL OR s.claimed_until <= now())
                       AND EXISTS (SELECT 1 FROM head WHERE head.due_at <= now())
                    RETURNING s.id, s.url, s.secret_ciphertext, s.secret_key_id),
                c AS MATERIALIZED (
                    SELECT d.id, d.attempts, d.event_id FROM webhook_deliveries d
                     WHERE d.subscription_id = (SELECT id FROM held) AND d.state = 'pending'
                     ORDER BY d.id LIMIT @batch)
                SELECT c.id AS Id, h.id AS SubscriptionId, h.url AS Url, h.secret_ciphertext AS SecretCiphertext, h.secret_key_id AS SecretKeyId,
                       c.attempts AS Attempts, e.id AS EventId, e.kind AS Kind, e.entity AS Entity, e.entity_id AS EntityId,
                       e.business_dates::timestamp[] AS BusinessDates, e.branch_ids AS BranchIds, e.actor AS Actor, e.occurred_at AS OccurredAt
                  FROM c
                 CROSS JOIN held h
                  JOIN outbox_events e ON e.id = c.event_id
                 ORDER BY c.id
                """, new { subscriptionId, token, batch, lease }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return [.. claimed];
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.SerializationFailure)
        {
            return [];
        }
    }

    /// <summary>Hands the subscription back, when <paramref name="token"/> still holds it.</summary>
    public async Task ReleaseAsync(Guid subscriptionId, Guid token, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_subscriptions SET claimed_until = NULL, claim_token = NULL WHERE id = @subscriptionId AND claim_token = @token",
            new { subscriptionId, token }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Records an attempt and counts it: delivered, or due again after <paramref name="retryAfter"/>, or
    /// dead at <paramref name="maxAttempts"/>; counts the subscription's consecutive failures and disables
    /// it at <paramref name="disableAfter"/>. Returns whether the subscription is still enabled.
    /// </summary>
    public async Task<bool> RecordAsync(AttemptOutcome outcome, TimeSpan retryAfter, int maxAttempts, int disableAfter, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<bool>(new CommandDefinition("""
            WITH attempt AS (
                INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error_code, error)
                VALUES (@DeliveryId, @Attempt, @StartedAt, @durationMs, @StatusCode, @ErrorCode, @Error)),
            delivery AS (
                UPDATE webhook_deliveries
                   SET attempts = attempts + 1,
                       state = CASE WHEN @Delivered THEN 'delivered' WHEN attempts + 1 >= @maxAttempts THEN 'dead' ELSE 'pending' END,
                       delivered_at = CASE WHEN @Delivered THEN now() END,
                       due_at = CASE WHEN @Delivered THEN due_at ELSE now() + @retryAfter END,
                       last_status = @StatusCode, last_error_code = @ErrorCode, last_error = @Error
                 WHERE id = @DeliveryId
                RETURNING subscription_id)
            UPDATE webhook_subscriptions s
               SET consecutive_failures = CASE WHEN @Delivered THEN 0 ELSE s.consecutive_failures + 1 END,
                   enabled = s.enabled AND (@Delivered OR s.consecutive_failures + 1 < @disableAfter),
                   disabled_reason = CASE WHEN s.enabled AND NOT @Delivered AND s.consecutive_failures + 1 >= @disableAfter
                                          THEN format('disabled after %s consecutive failed attempts; last: %s (%s)', s.consecutive_failures + 1, @ErrorCode, @Error)
                                          ELSE s.disabled_reason END,
                   updated_at = now()
              FROM delivery
             WHERE s.id = delivery.subscription_id
            RETURNING s.enabled
            """, new
        {
            outcome.DeliveryId, outcome.Attempt, outcome.StartedAt, durationMs = (int)Math.Min(int.MaxValue, outcome.Duration.TotalMilliseconds),
            outcome.StatusCode, outcome.ErrorCode, outcome.Error, outcome.Delivered, retryAfter, maxAttempts, disableAfter,
        }, cancellationToken: cancellationToken));
    }

    /// <summary>A subscription's deliveries, newest first, optionally in one state.</summary>
    public async Task<IReadOnlyList<DeliveryLogEntry>> LogAsync(Guid subscriptionId, string? state, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<DeliveryLogEntry>(new CommandDefinition("""
            SELECT id AS Id, event_id AS EventId, kind AS Kind, state AS State, attempts AS Attempts, created_at AS CreatedAt,
                   delivered_at AS DeliveredAt, due_at AS DueAt, last_status AS LastStatus, last_error AS LastError, last_error_code AS LastErrorCode
              FROM webhook_deliveries
             WHERE subscription_id = @subscriptionId AND (@state::text IS NULL OR state = @state)
             ORDER BY id DESC LIMIT @limit
            """, new { subscriptionId, state, limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>Makes a delivery of the subscription due now with a fresh count of attempts; false when there is none.</summary>
    public async Task<bool> RedeliverAsync(Guid subscriptionId, long deliveryId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition($"""
            WITH again AS (
                UPDATE webhook_deliveries SET state = 'pending', attempts = 0, due_at = now(), delivered_at = NULL
                 WHERE id = @deliveryId AND subscription_id = @subscriptionId
                RETURNING id)
            SELECT count(*) = 1 FROM again, pg_notify('{Channel}', '') AS n
            """, new { subscriptionId, deliveryId }, cancellationToken: cancellationToken));
    }
}
