using GoldAnalytics.Runtime.Durable.History;
using Npgsql;
using static GoldAnalytics.Runtime.Durable.Store.Parameters;

namespace GoldAnalytics.Runtime.Durable.Store;

/// <summary>An activity work item claimed under a lease.</summary>
internal sealed record ClaimedActivity(long Id, string InstanceId, Guid ExecutionId, int TaskId, string Name, string? Input, int DequeueCount);

/// <summary>The activity queue: claim under lease, renew, complete (result delivered to the instance's inbox in the same statement batch).</summary>
internal sealed class ActivityQueue(NpgsqlDataSource dataSource, string hostName, TimeSpan lease)
{
    /// <summary>Claims at most <paramref name="count"/> free items of the given activities, oldest first, under this host's lease.</summary>
    public async Task<List<ClaimedActivity>> ClaimAsync(IReadOnlyList<string> names, int count, CancellationToken cancellationToken)
    {
        // The candidates are a materialised CTE, run once. As a subquery in FROM, a nested loop would run it again for
        // every outer row, each run locking the next $4 free rows, so one host would take the whole queue.
        const string sql = """
            WITH c AS MATERIALIZED (
                SELECT id FROM durable.activities
                WHERE (lock_expires_at IS NULL OR lock_expires_at < now()) AND name = ANY($3)
                ORDER BY id
                LIMIT $4
                FOR UPDATE SKIP LOCKED
            )
            UPDATE durable.activities a
            SET locked_by = $1, lock_expires_at = now() + $2, dequeue_count = a.dequeue_count + 1
            FROM c
            WHERE a.id = c.id
            RETURNING a.id, a.instance_id, a.execution_id, a.task_id, a.name, a.input, a.dequeue_count
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(Text(hostName));
        command.Parameters.Add(new NpgsqlParameter { Value = lease, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Interval });
        command.Parameters.Add(Texts(names));
        command.Parameters.Add(Int(count));
        var claimed = new List<ClaimedActivity>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedActivity(reader.GetInt64(0), reader.GetString(1), reader.GetGuid(2), reader.GetInt32(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt32(6)));
        }

        return claimed;
    }

    /// <summary>
    /// Deletes the work items this host still holds and puts their results in the instances' inboxes, in one implicit
    /// transaction. An item whose lease another host took over is not completed here: that host's result counts.
    /// </summary>
    public async Task CompleteAsync(IReadOnlyList<(long Id, HistoryEvent Result)> results, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command("""
            WITH r AS (SELECT * FROM unnest($2::bigint[], $3::text[], $4::text[]) AS r(id, event_type, event)),
            done AS (
                DELETE FROM durable.activities a USING r
                WHERE a.id = r.id AND a.locked_by = $1
                RETURNING a.instance_id, a.execution_id, r.event_type, r.event
            )
            INSERT INTO durable.messages (instance_id, execution_id, event_type, event)
            SELECT instance_id, execution_id, event_type, event FROM done
            """,
            Text(hostName), Longs(results.Select(r => r.Id)), Texts(results.Select(r => r.Result.EventType)), Texts(results.Select(r => DurableJson.Write(r.Result)))));
        batch.BatchCommands.Add(Command($"SELECT pg_notify('{Channels.Orchestrations}', '')"));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RenewAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("UPDATE durable.activities SET lock_expires_at = now() + $1 WHERE id = ANY($2) AND locked_by = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = lease, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Interval });
        command.Parameters.Add(Longs(ids));
        command.Parameters.Add(Text(hostName));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
