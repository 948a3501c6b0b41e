using GoldAnalytics.Runtime.Durable.History;
using Npgsql;
using static GoldAnalytics.Runtime.Durable.Store.Parameters;

namespace GoldAnalytics.Runtime.Durable.Store;

/// <summary>
/// Instances claimed by one step transaction: their rows stay locked (<c>FOR UPDATE</c>) until the step commits,
/// so no other host runs them meanwhile, and a host that dies releases them at once with its connection.
/// Three round trips per batch: BEGIN + claim, its messages, then the checkpoint + COMMIT.
/// </summary>
internal sealed class OrchestrationWorkBatch : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private bool _open = true;

    private OrchestrationWorkBatch(NpgsqlConnection connection, IReadOnlyList<ClaimedInstance> instances, IReadOnlyList<InboxMessage> messages)
    {
        _connection = connection;
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
            var (instances, messages) = await ClaimWithMessagesAsync(connection, size, known, cancellationToken);
            if (instances.Count > 0)
            {
                return new OrchestrationWorkBatch(connection, instances, messages);
            }

            await Execute(connection, "ROLLBACK", cancellationToken);
            await connection.DisposeAsync();
            return null;
        }
        catch
        {
            await RollbackQuietly(connection);
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

        await using var command = new NpgsqlCommand("SELECT instance_id, event FROM durable.history WHERE instance_id = ANY($1) ORDER BY instance_id, seq", _connection)
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

    /// <summary>Writes every checkpoint of the batch and commits, in one round trip; any failed statement rolls all of it back.</summary>
    public async Task CommitAsync(CheckpointBatch checkpoints, CancellationToken cancellationToken)
    {
        await using var batch = checkpoints.Build(_connection);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        _open = false;
    }

    public async ValueTask DisposeAsync()
    {
        if (_open)
        {
            await RollbackQuietly(_connection);
        }

        await _connection.DisposeAsync();
    }

    private static async Task<(List<ClaimedInstance>, List<InboxMessage>)> ClaimWithMessagesAsync(
        NpgsqlConnection connection, int size, KnownOrchestrations known, CancellationToken cancellationToken)
    {
        var instances = new List<ClaimedInstance>();
        await using (var claim = new NpgsqlBatch(connection))
        {
            claim.BatchCommands.Add(Command("BEGIN"));
            // The instances with the oldest waiting messages, skipping rows other hosts hold.
            claim.BatchCommands.Add(Command("""
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
                """, Texts(known.Names), Texts(known.Versions), Int(size)));
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                instances.Add(new ClaimedInstance(reader.GetString(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                    Enum.Parse<OrchestrationRuntimeStatus>(reader.GetString(4)), reader.GetInt64(5)));
            }
        }

        if (instances.Count == 0)
        {
            return (instances, []);
        }

        // A second statement, so a fresh snapshot: it sees every step committed before the claim got its locks,
        // never a message such a step already consumed.
        await using var command = new NpgsqlCommand(
            "SELECT id, instance_id, execution_id, event FROM durable.messages WHERE instance_id = ANY($1) AND visible_at <= now() ORDER BY id", connection)
        {
            Parameters = { Texts(instances.Select(i => i.InstanceId)) },
        };
        var messages = new List<InboxMessage>();
        await using var messageReader = await command.ExecuteReaderAsync(cancellationToken);
        while (await messageReader.ReadAsync(cancellationToken))
        {
            messages.Add(new InboxMessage(messageReader.GetInt64(0), messageReader.GetString(1),
                messageReader.IsDBNull(2) ? null : messageReader.GetGuid(2), DurableJson.Read(messageReader.GetString(3))));
        }

        return (instances, messages);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
#pragma warning disable CA2100 // Transaction control statements of this class.
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task RollbackQuietly(NpgsqlConnection connection)
    {
        try
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await Execute(connection, "ROLLBACK", CancellationToken.None);
            }
        }
        catch (NpgsqlException)
        {
            // The connection is broken: the server has rolled back already.
        }
        catch (InvalidOperationException)
        {
            // The connection is in a state where nothing more can be sent; the pool discards it.
        }
    }
}

/// <summary>The orchestrators (name and version) a host can run; it claims no other instance.</summary>
internal sealed record KnownOrchestrations(IReadOnlyList<string> Names, IReadOnlyList<string> Versions);
