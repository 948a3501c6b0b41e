using GoldAnalytics.Runtime.Durable.History;
using Npgsql;
using static GoldAnalytics.Runtime.Durable.Store.Parameters;

namespace GoldAnalytics.Runtime.Durable.Store;

/// <summary>
/// Instances claimed by one step transaction: their rows stay locked (<c>FOR UPDATE</c>) until the step commits,
/// so no other host runs them meanwhile, and a host that dies releases them at once with its connection.
/// </summary>
internal sealed class OrchestrationWorkBatch : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private OrchestrationWorkBatch(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ClaimedInstance> instances, IReadOnlyList<InboxMessage> messages)
    {
        _connection = connection;
        _transaction = transaction;
        Instances = instances;
        Messages = messages.ToLookup(m => m.InstanceId);
    }

    public IReadOnlyList<ClaimedInstance> Instances { get; }

    public ILookup<string, InboxMessage> Messages { get; }

    /// <summary>Claims up to <paramref name="size"/> instances with visible messages whose orchestrator and version this host knows.</summary>
    public static async Task<OrchestrationWorkBatch?> ClaimAsync(NpgsqlDataSource dataSource, int size, KnownOrchestrations known, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var instances = await ClaimAsync(connection, transaction, size, known, cancellationToken);
            if (instances.Count == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                await connection.DisposeAsync();
                return null;
            }

            // A second statement, so a second snapshot: it sees every step committed before this claim got its
            // locks. Reading messages in the claiming statement could return messages such a step had consumed.
            var messages = await ReadMessagesAsync(connection, transaction, instances.Select(i => i.InstanceId), cancellationToken);
            return new OrchestrationWorkBatch(connection, transaction, instances, messages);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Committed history of the instances whose sessions are not cached, in order.</summary>
    public async Task<Dictionary<string, List<HistoryEvent>>> LoadHistoryAsync(IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken)
    {
        var history = instanceIds.ToDictionary(id => id, _ => new List<HistoryEvent>());
        if (instanceIds.Count == 0)
        {
            return history;
        }

        await using var command = new NpgsqlCommand(
            "SELECT instance_id, event FROM durable.history WHERE instance_id = ANY($1) ORDER BY instance_id, seq", _connection, _transaction)
        {
            Parameters = { Texts(instanceIds) },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            history[reader.GetString(0)].Add(DurableJson.Read(reader.GetString(1)));
        }

        return history;
    }

    /// <summary>Writes every checkpoint of the batch and commits: one transaction, one round trip for the writes.</summary>
    public async Task CommitAsync(CheckpointBatch checkpoints, CancellationToken cancellationToken)
    {
        await using (var batch = checkpoints.Build(_connection, _transaction))
        {
            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }

            // Exactly-once guard: if any message this step applied was already consumed (a step of another host
            // committed after this claim's snapshot), the whole batch rolls back and is redone from fresh data.
            if (checkpoints.ConsumeCommand is { } consume && consume.RecordsAffected != checkpoints.ConsumedCount)
            {
                throw new InvalidOperationException(
                    $"{checkpoints.ConsumedCount - consume.RecordsAffected} message(s) of this batch were consumed by another step; rolling back.");
            }
        }

        await _transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private static async Task<List<ClaimedInstance>> ClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int size, KnownOrchestrations known, CancellationToken cancellationToken)
    {
        // The instances with the oldest waiting messages, skipping rows other hosts hold.
        const string sql = """
            WITH waiting AS (
                SELECT m.instance_id, min(m.id) AS first_message
                FROM durable.messages m
                WHERE m.visible_at <= now()
                GROUP BY m.instance_id
            )
            SELECT i.instance_id, i.execution_id, i.name, i.version, i.runtime_status, i.checkpoint
            FROM waiting w
            JOIN durable.instances i ON i.instance_id = w.instance_id
            WHERE (i.runtime_status IN ('Completed', 'Failed', 'Terminated')
                   OR (i.name, i.version) IN (SELECT k.name, k.version FROM unnest($1::text[], $2::text[]) AS k(name, version)))
              AND (i.runtime_status <> 'Suspended' OR EXISTS (
                   SELECT 1 FROM durable.messages c
                   WHERE c.instance_id = i.instance_id AND c.visible_at <= now()
                     AND c.event_type IN ('ExecutionResumed', 'ExecutionTerminated')))
            ORDER BY w.first_message
            LIMIT $3
            FOR UPDATE OF i SKIP LOCKED
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction)
        {
            Parameters = { Texts(known.Names), Texts(known.Versions), Int(size) },
        };
        var instances = new List<ClaimedInstance>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            instances.Add(new ClaimedInstance(reader.GetString(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                Enum.Parse<OrchestrationRuntimeStatus>(reader.GetString(4)), reader.GetInt64(5)));
        }

        return instances;
    }

    private static async Task<List<InboxMessage>> ReadMessagesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<string> instanceIds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT id, instance_id, execution_id, event FROM durable.messages WHERE instance_id = ANY($1) AND visible_at <= now() ORDER BY id",
            connection, transaction)
        {
            Parameters = { Texts(instanceIds) },
        };
        var messages = new List<InboxMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new InboxMessage(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), DurableJson.Read(reader.GetString(3))));
        }

        return messages;
    }
}

/// <summary>The orchestrators (name and version) a host can run; it claims no other instance.</summary>
internal sealed record KnownOrchestrations(IReadOnlyList<string> Names, IReadOnlyList<string> Versions);
