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

/// <summary>A delivery in a subscription's log.</summary>
public sealed record DeliveryLogEntry(
    long Id, long EventId, string Kind, string State, int Attempts, DateTime CreatedAt, DateTime? DeliveredAt, DateTime DueAt, int? LastStatus, string? LastError);

/// <summary>How an attempt ended, to record.</summary>
public sealed record AttemptOutcome(long DeliveryId, int Attempt, DateTimeOffset StartedAt, TimeSpan Duration, int? StatusCode, string? Error, bool Delivered);

/// <summary>Webhook deliveries: fan-out from the outbox, claiming with leases, recording attempts, the log.</summary>
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

    /// <summary>Enabled subscriptions with a delivery due.</summary>
    public async Task<IReadOnlyList<Guid>> DueSubscriptionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<Guid>(new CommandDefinition("""
            SELECT s.id FROM webhook_subscriptions s
             WHERE s.enabled AND EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.state = 'pending' AND d.due_at <= now())
            """, cancellationToken: cancellationToken))];
    }

    /// <summary>Claims up to <paramref name="batch"/> due deliveries of one subscription, oldest first, for <paramref name="lease"/>.</summary>
    public async Task<IReadOnlyList<DueDelivery>> ClaimAsync(Guid subscriptionId, int batch, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<DueDelivery>(new CommandDefinition("""
            WITH claimed AS (
                UPDATE webhook_deliveries d SET due_at = now() + @lease, attempts = d.attempts + 1
                  FROM (SELECT id FROM webhook_deliveries
                         WHERE subscription_id = @subscriptionId AND state = 'pending' AND due_at <= now()
                         ORDER BY id LIMIT @batch FOR UPDATE SKIP LOCKED) c
                 WHERE d.id = c.id
                RETURNING d.id, d.subscription_id, d.attempts, d.event_id)
            SELECT c.id AS Id, c.subscription_id AS SubscriptionId, s.url AS Url, s.secret_ciphertext AS SecretCiphertext, s.secret_key_id AS SecretKeyId,
                   c.attempts AS Attempts, e.id AS EventId, e.kind AS Kind, e.entity AS Entity, e.entity_id AS EntityId,
                   e.business_dates::timestamp[] AS BusinessDates, e.branch_ids AS BranchIds, e.actor AS Actor, e.occurred_at AS OccurredAt
              FROM claimed c
              JOIN webhook_subscriptions s ON s.id = c.subscription_id
              JOIN outbox_events e ON e.id = c.event_id
             ORDER BY c.id
            """, new { subscriptionId, batch, lease }, cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// Records an attempt: delivered, or due again after <paramref name="retryAfter"/>, or dead after
    /// <paramref name="maxAttempts"/>; counts the subscription's consecutive failures and disables it
    /// at <paramref name="disableAfter"/>. Returns whether the subscription is still enabled.
    /// </summary>
    public async Task<bool> RecordAsync(AttemptOutcome outcome, TimeSpan retryAfter, int maxAttempts, int disableAfter, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<bool>(new CommandDefinition("""
            WITH attempt AS (
                INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error)
                VALUES (@DeliveryId, @Attempt, @StartedAt, @durationMs, @StatusCode, @Error)),
            delivery AS (
                UPDATE webhook_deliveries
                   SET state = CASE WHEN @Delivered THEN 'delivered' WHEN attempts >= @maxAttempts THEN 'dead' ELSE 'pending' END,
                       delivered_at = CASE WHEN @Delivered THEN now() END,
                       due_at = CASE WHEN @Delivered THEN due_at ELSE now() + @retryAfter END,
                       last_status = @StatusCode, last_error = @Error
                 WHERE id = @DeliveryId
                RETURNING subscription_id)
            UPDATE webhook_subscriptions s
               SET consecutive_failures = CASE WHEN @Delivered THEN 0 ELSE s.consecutive_failures + 1 END,
                   enabled = s.enabled AND (@Delivered OR s.consecutive_failures + 1 < @disableAfter),
                   disabled_reason = CASE WHEN s.enabled AND NOT @Delivered AND s.consecutive_failures + 1 >= @disableAfter
                                          THEN format('disabled after %s consecutive failed attempts; last: %s', s.consecutive_failures + 1, @Error)
                                          ELSE s.disabled_reason END,
                   updated_at = now()
              FROM delivery
             WHERE s.id = delivery.subscription_id
            RETURNING s.enabled
            """, new
        {
            outcome.DeliveryId, outcome.Attempt, outcome.StartedAt, durationMs = (int)Math.Min(int.MaxValue, outcome.Duration.TotalMilliseconds),
            outcome.StatusCode, Error = Truncate(outcome.Error), outcome.Delivered, retryAfter, maxAttempts, disableAfter,
        }, cancellationToken: cancellationToken));
    }

    /// <summary>Hands back claimed deliveries that were not attempted, due after <paramref name="after"/> (behind a failed one of the same subscription).</summary>
    public async Task ReleaseAsync(IReadOnlyList<long> ids, TimeSpan after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_deliveries SET due_at = now() + @after, attempts = attempts - 1 WHERE id = ANY(@ids) AND state = 'pending'",
            new { ids = ids.ToArray(), after }, cancellationToken: cancellationToken));
    }

    /// <summary>A subscription's deliveries, newest first, optionally in one state.</summary>
    public async Task<IReadOnlyList<DeliveryLogEntry>> LogAsync(Guid subscriptionId, string? state, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<DeliveryLogEntry>(new CommandDefinition("""
            SELECT id AS Id, event_id AS EventId, kind AS Kind, state AS State, attempts AS Attempts, created_at AS CreatedAt,
                   delivered_at AS DeliveredAt, due_at AS DueAt, last_status AS LastStatus, last_error AS LastError
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

    private static string? Truncate(string? text) => text is { Length: > 2000 } ? text[..2000] : text;
}
