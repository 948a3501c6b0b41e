using Npgsql;
using NpgsqlTypes;

namespace GoldAnalytics.Data.Outbox;

/// <summary>The outbox table: append inside the writer's transaction, claim with leases, mark delivered.</summary>
public sealed class OutboxStore(NpgsqlDataSource dataSource)
{
    /// <summary>The channel the insert trigger notifies once per statement.</summary>
    public const string Channel = "outbox_events";

    /// <summary>Appends an event in the caller's transaction, so it commits or rolls back with the change.</summary>
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

    /// <summary>Claims up to <paramref name="batch"/> undelivered events nobody else holds, for <paramref name="lease"/>.</summary>
    public async Task<IReadOnlyList<OutboxEvent>> ClaimAsync(int batch, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE outbox_events e
               SET claimed_until = now() + @lease, attempts = e.attempts + 1
              FROM (SELECT id FROM outbox_events
                     WHERE delivered_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
                     ORDER BY id LIMIT @batch FOR UPDATE SKIP LOCKED) claimed
             WHERE e.id = claimed.id
            RETURNING e.id, e.kind, e.entity, e.entity_id, e.business_dates, e.branch_ids, e.actor, e.occurred_at, e.attempts
            """);
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

        return [.. events.OrderBy(e => e.Id)];
    }

    /// <summary>Marks events delivered to every subscriber.</summary>
    public async Task CompleteAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE outbox_events SET delivered_at = now(), claimed_until = NULL, last_error = NULL WHERE id = ANY(@ids)");
        command.Parameters.AddWithValue("ids", ids.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Releases events a subscriber failed on, to be retried after <paramref name="retryAfter"/>.</summary>
    public async Task FailAsync(IEnumerable<long> ids, string error, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE outbox_events SET claimed_until = now() + @retry, last_error = @error WHERE id = ANY(@ids)");
        command.Parameters.AddWithValue("ids", ids.ToArray());
        command.Parameters.AddWithValue("retry", retryAfter);
        command.Parameters.AddWithValue("error", error.Length > 2000 ? error[..2000] : error);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
