using Npgsql;
using NpgsqlTypes;

namespace GoldAnalytics.Data.Outbox;

/// <summary>
/// The outbox: append inside the writer's transaction; each subscriber claims its own receipts with
/// leases, and marks them delivered, failed (with backoff) or dead.
/// </summary>
public sealed class OutboxStore(NpgsqlDataSource dataSource)
{
    /// <summary>The channel the insert trigger notifies once per statement.</summary>
    public const string Channel = "outbox_events";

    /// <summary>Appends an event in the caller's transaction, so it commits or rolls back with the change; a trigger writes one receipt per subscriber.</summary>
    public static async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DomainEvent domainEvent, string actor, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO outbox_events (kind, entity, entity_id, business_dates, branch_ids, actor)
            VALUES (@kind, @entity, @entity_id, @dates, @branches, @actor)
            """, connection, transaction);
        command.Parameters.AddWithValue("kind", domainEvent.Kind);
        command.Parameters.AddWithValue("entity", domainEvent.Entity);
        command.Parameters.AddWithValue("entity_id", domainEvent.EntityId);
        command.Parameters.Add(new NpgsqlParameter("dates", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = domainEvent.BusinessDates.Distinct().Order().ToArray() });
        command.Parameters.Add(new NpgsqlParameter("branches", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = domainEvent.BranchIds.Distinct().Order().ToArray() });
        command.Parameters.AddWithValue("actor", actor);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Registers the subscribers of this host and gives them receipts for every event not yet settled,
    /// so a subscriber added later still sees what is in flight (and nothing older).
    /// </summary>
    public async Task RegisterAsync(IEnumerable<string> subscribers, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH registered AS (
                INSERT INTO outbox_subscribers (name) SELECT unnest(@names) ON CONFLICT DO NOTHING)
            INSERT INTO outbox_deliveries (subscriber, event_id)
            SELECT s, e.id FROM outbox_events e CROSS JOIN unnest(@names) AS s WHERE e.delivered_at IS NULL
            ON CONFLICT DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]>("names", [.. subscribers]));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Claims up to <paramref name="batch"/> due receipts of the subscriber nobody else holds, for <paramref name="lease"/>.</summary>
    public async Task<IReadOnlyList<OutboxEvent>> ClaimAsync(string subscriber, int batch, TimeSpan lease, CancellationToken cancellationToken)
    {
        // The candidates are a materialised CTE, run once: as a subquery in FROM, a nested loop would run it again for
        // every outer row, each run locking the next free receipts, and the batch size would not hold.
        await using var command = dataSource.CreateCommand("""
            WITH due AS MATERIALIZED (
                SELECT event_id FROM outbox_deliveries
                 WHERE subscriber = @subscriber AND delivered_at IS NULL AND dead_at IS NULL AND due_at <= now()
                 ORDER BY event_id LIMIT @batch FOR UPDATE SKIP LOCKED),
            claimed AS (
                UPDATE outbox_deliveries d
                   SET due_at = now() + @lease, attempts = d.attempts + 1
                  FROM due
                 WHERE d.subscriber = @subscriber AND d.event_id = due.event_id
                RETURNING d.event_id, d.attempts)
            SELECT e.id, e.kind, e.entity, e.entity_id, e.business_dates, e.branch_ids, e.actor, e.occurred_at, c.attempts
              FROM claimed c JOIN outbox_events e ON e.id = c.event_id
             ORDER BY e.id
            """);
        command.Parameters.AddWithValue("subscriber", subscriber);
        command.Parameters.AddWithValue("lease", lease);
        command.Parameters.AddWithValue("batch", batch);
        var events = new List<OutboxEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var domainEvent = new DomainEvent(reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateOnly[]>(4), reader.GetFieldValue<int[]>(5));
            events.Add(new OutboxEvent(reader.GetInt64(0), domainEvent, reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetInt32(8)));
        }

        return events;
    }

    /// <summary>Marks the subscriber's receipts delivered, and the events settled once no receipt of theirs is waiting.</summary>
    public async Task CompleteAsync(string subscriber, IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        await SettleAsync(ids.ToArray(), async (connection, transaction, idArray) =>
        {
            await using var command = new NpgsqlCommand("""
                UPDATE outbox_deliveries SET delivered_at = now(), last_error = NULL
                 WHERE subscriber = @subscriber AND event_id = ANY(@ids)
                """, connection, transaction);
            command.Parameters.AddWithValue("subscriber", subscriber);
            command.Parameters.AddWithValue("ids", idArray);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return (IReadOnlyList<long>)[];
        }, cancellationToken);
    }

    /// <summary>
    /// Releases receipts the subscriber failed on, to be retried after <paramref name="retryAfter"/>;
    /// those that reached <paramref name="maxAttempts"/> become dead instead. Returns the ids that died.
    /// </summary>
    public Task<IReadOnlyList<long>> FailAsync(string subscriber, IEnumerable<long> ids, string error, TimeSpan retryAfter, int maxAttempts, CancellationToken cancellationToken) =>
        SettleAsync(ids.ToArray(), async (connection, transaction, idArray) =>
        {
            await using var command = new NpgsqlCommand("""
                UPDATE outbox_deliveries
                   SET due_at = now() + @retry, last_error = @error, dead_at = CASE WHEN attempts >= @max THEN now() END
                 WHERE subscriber = @subscriber AND event_id = ANY(@ids)
                RETURNING event_id, dead_at IS NOT NULL
                """, connection, transaction);
            command.Parameters.AddWithValue("subscriber", subscriber);
            command.Parameters.AddWithValue("ids", idArray);
            command.Parameters.AddWithValue("retry", retryAfter);
            command.Parameters.AddWithValue("max", maxAttempts);
            command.Parameters.AddWithValue("error", error.Length > 2000 ? error[..2000] : error);
            var dead = new List<long>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.GetBoolean(1))
                {
                    dead.Add(reader.GetInt64(0));
                }
            }

            return dead;
        }, cancellationToken);

    // Subscribers finishing the same event at once would each see the other's receipt still waiting
    // and neither would settle it: the events' rows are locked first, so the second one to get there
    // sees the first one's receipt committed.
    private async Task<IReadOnlyList<long>> SettleAsync(
        long[] ids, Func<NpgsqlConnection, NpgsqlTransaction, long[], Task<IReadOnlyList<long>>> update, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockEvents = new NpgsqlCommand("SELECT id FROM outbox_events WHERE id = ANY(@ids) ORDER BY id FOR NO KEY UPDATE", connection, transaction))
        {
            lockEvents.Parameters.AddWithValue("ids", ids);
            await lockEvents.ExecuteNonQueryAsync(cancellationToken);
        }

        var result = await update(connection, transaction, ids);
        await using (var settle = new NpgsqlCommand("""
            UPDATE outbox_events e SET delivered_at = now()
             WHERE e.id = ANY(@ids) AND e.delivered_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM outbox_deliveries d WHERE d.event_id = e.id AND d.delivered_at IS NULL AND d.dead_at IS NULL)
            """, connection, transaction))
        {
            settle.Parameters.AddWithValue("ids", ids);
            await settle.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
