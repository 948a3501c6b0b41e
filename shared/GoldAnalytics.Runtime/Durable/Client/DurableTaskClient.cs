using GoldAnalytics.Runtime.Durable.Client;
using GoldAnalytics.Runtime.Durable.History;
using GoldAnalytics.Runtime.Durable.Store;
using GoldAnalytics.Runtime.Durable.Worker;
using Npgsql;
using static GoldAnalytics.Runtime.Durable.Store.Parameters;

namespace GoldAnalytics.Runtime.Durable;

/// <summary>Starts, inspects, signals and purges orchestration instances; usable from any function via <c>[DurableClient]</c>.</summary>
public sealed partial class DurableTaskClient : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly DurableRegistry? _registry;
    private readonly CompletionWaiter _completions;

    /// <summary>A client over the store; the registry (when given) supplies the version new instances get.</summary>
    public DurableTaskClient(DurableStore store, DurableRegistry? registry = null)
    {
        _dataSource = store.DataSource;
        _registry = registry;
        _completions = new CompletionWaiter(_dataSource);
    }

    /// <summary>Schedules a new instance and returns its id; refuses an id whose instance is still Pending, Running or Suspended.</summary>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null,
        StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var name = _registry?.OrchestratorName(orchestratorName) ?? orchestratorName;
        var version = options?.Version ?? _registry?.VersionOf(orchestratorName) ?? "";
        var serialized = DurableJson.Serialize(input);
        var startAt = options?.StartAt?.UtcDateTime;
        var executionId = Guid.NewGuid();
        var started = DurableJson.Write(new ExecutionStarted(name, version, serialized) { Timestamp = startAt ?? DateTime.UtcNow });

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        if (await TryCreateAsync(connection, instanceId, executionId, name, version, serialized, startAt, started, cancellationToken))
        {
            return instanceId;
        }

        await RestartFinishedAsync(connection, instanceId, executionId, name, version, serialized, startAt, started, cancellationToken);
        return instanceId;
    }

    /// <summary>The instance, or null when there is none; inputs and outputs only when asked for.</summary>
    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {InstanceReader.Columns} FROM durable.instances WHERE instance_id = $1");
        command.Parameters.Add(Text(instanceId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? InstanceReader.Read(reader, getInputsAndOutputs) : null;
    }

    /// <summary>A page of the instance's current execution history, from sequence <paramref name="fromSequence"/>.</summary>
    public async Task<HistoryPage> GetHistoryAsync(string instanceId, int fromSequence = 0, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT seq, event FROM durable.history WHERE instance_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3");
        command.Parameters.Add(Text(instanceId));
        command.Parameters.Add(Int(fromSequence));
        command.Parameters.Add(Int(pageSize + 1));
        var events = new List<HistoryEvent>();
        int? next = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (events.Count == pageSize)
            {
                next = reader.GetInt32(0);
                break;
            }

            events.Add(DurableJson.Read(reader.GetString(1)));
        }

        return new HistoryPage(events, next);
    }

    /// <summary>Waits until the instance is Completed, Failed or Terminated and returns it.</summary>
    public async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        OrchestrationMetadata? last = null;
        await _completions.WaitAsync(instanceId, async () =>
        {
            last = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken) ?? throw new OrchestrationNotFoundException(instanceId);
            return last.IsCompleted;
        }, cancellationToken);
        return last!;
    }

    /// <summary>Waits until the instance has started (is no longer Pending) and returns it.</summary>
    public async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var instance = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken) ?? throw new OrchestrationNotFoundException(instanceId);
            if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Pending)
            {
                return instance;
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _completions.DisposeAsync();

    private static async Task<bool> TryCreateAsync(NpgsqlConnection connection, string instanceId, Guid executionId, string name, string version,
        string? input, DateTime? startAt, string started, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command("""
            WITH created AS (
                INSERT INTO durable.instances (instance_id, execution_id, name, version, runtime_status, input, scheduled_start_at)
                VALUES ($1, $2, $3, $4, 'Pending', $5, $6)
                ON CONFLICT (instance_id) DO NOTHING
                RETURNING instance_id
            )
            INSERT INTO durable.messages (instance_id, execution_id, event_type, event, visible_at)
            SELECT instance_id, $2, 'ExecutionStarted', $7, coalesce($6, now()) FROM created
            """,
            Text(instanceId), Uuid(executionId), Text(name), Text(version), Text(input), StartAt(startAt), Text(started)));
        batch.BatchCommands.Add(Command($"SELECT pg_notify('{Channels.Orchestrations}', '')"));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return batch.BatchCommands[0].RecordsAffected == 1;
    }

    private static async Task RestartFinishedAsync(NpgsqlConnection connection, string instanceId, Guid executionId, string name, string version,
        string? input, DateTime? startAt, string started, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var current = new NpgsqlCommand("SELECT runtime_status FROM durable.instances WHERE instance_id = $1 FOR UPDATE", connection, transaction))
        {
            current.Parameters.Add(Text(instanceId));
            var status = await current.ExecuteScalarAsync(cancellationToken) as string;
            if (status is not null && !Enum.Parse<OrchestrationRuntimeStatus>(status).IsTerminal())
            {
                throw new OrchestrationAlreadyExistsException(instanceId, Enum.Parse<OrchestrationRuntimeStatus>(status));
            }
        }

        // A finished id is reused: the old execution's history, inbox and queued work go with it.
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command("DELETE FROM durable.history WHERE instance_id = $1", Text(instanceId)));
        batch.BatchCommands.Add(Command("DELETE FROM durable.messages WHERE instance_id = $1", Text(instanceId)));
        batch.BatchCommands.Add(Command("DELETE FROM durable.activities WHERE instance_id = $1", Text(instanceId)));
        batch.BatchCommands.Add(Command("""
            INSERT INTO durable.instances (instance_id, execution_id, name, version, runtime_status, input, scheduled_start_at)
            VALUES ($1, $2, $3, $4, 'Pending', $5, $6)
            ON CONFLICT (instance_id) DO UPDATE SET
                execution_id = excluded.execution_id, name = excluded.name, version = excluded.version, runtime_status = 'Pending',
                input = excluded.input, output = NULL, custom_status = NULL, failure = NULL, created_at = now(), last_updated_at = now(),
                completed_at = NULL, scheduled_start_at = excluded.scheduled_start_at, checkpoint = durable.instances.checkpoint + 1
            """,
            Text(instanceId), Uuid(executionId), Text(name), Text(version), Text(input), StartAt(startAt)));
        batch.BatchCommands.Add(Command("""
            INSERT INTO durable.messages (instance_id, execution_id, event_type, event, visible_at)
            VALUES ($1, $2, 'ExecutionStarted', $3, coalesce($4, now()))
            """, Text(instanceId), Uuid(executionId), Text(started), StartAt(startAt)));
        batch.BatchCommands.Add(Command($"SELECT pg_notify('{Channels.Orchestrations}', '')"));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static NpgsqlParameter StartAt(DateTime? startAt) =>
        new() { Value = startAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz };
}
