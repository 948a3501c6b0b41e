using System.Globalization;
using System.Text;
using GoldAnalytics.Runtime.Durable.Client;
using GoldAnalytics.Runtime.Durable.History;
using GoldAnalytics.Runtime.Durable.Store;
using Npgsql;
using static GoldAnalytics.Runtime.Durable.Store.Parameters;

namespace GoldAnalytics.Runtime.Durable;

/// <summary>Events, terminate, suspend, resume, queries and purge.</summary>
public sealed partial class DurableTaskClient
{
    /// <summary>Sends an external event to the instance (buffered if it is not waiting yet).</summary>
    public async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default) =>
        Require(instanceId, await TryRaiseEventAsync(instanceId, eventName, eventPayload, cancellationToken));

    /// <summary>Terminates the instance; its output becomes the reason.</summary>
    public async Task TerminateInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        Require(instanceId, await TrySendAsync(instanceId, new ExecutionTerminated(reason) { Timestamp = DateTime.UtcNow }, cancellationToken));

    /// <summary>Suspends the instance: it runs nothing until resumed (events received meanwhile wait).</summary>
    public async Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        Require(instanceId, await TrySendAsync(instanceId, new ExecutionSuspended(reason) { Timestamp = DateTime.UtcNow }, cancellationToken));

    /// <summary>Resumes a suspended instance.</summary>
    public async Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        Require(instanceId, await TrySendAsync(instanceId, new ExecutionResumed(reason) { Timestamp = DateTime.UtcNow }, cancellationToken));

    /// <summary>Sends an event and says whether the instance existed and was still running.</summary>
    public Task<InstanceControlResult> TryRaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        return TrySendAsync(instanceId, new EventRaised(eventName, DurableJson.Serialize(eventPayload)) { Timestamp = DateTime.UtcNow }, cancellationToken);
    }

    /// <summary>Queues a terminate, suspend or resume message and says what it found.</summary>
    public Task<InstanceControlResult> TrySendControlAsync(string instanceId, InstanceControl control, string? reason, CancellationToken cancellationToken = default) =>
        TrySendAsync(instanceId, control switch
        {
            InstanceControl.Terminate => new ExecutionTerminated(reason) { Timestamp = DateTime.UtcNow },
            InstanceControl.Suspend => new ExecutionSuspended(reason) { Timestamp = DateTime.UtcNow },
            _ => new ExecutionResumed(reason) { Timestamp = DateTime.UtcNow },
        }, cancellationToken);

    /// <summary>Deletes a finished instance with its history; running instances are not purged.</summary>
    public async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        new(await Purger.PurgeOneAsync(_dataSource, instanceId, cancellationToken) ? 1 : 0);

    /// <summary>Deletes finished instances matching the filter.</summary>
    public async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        var statuses = (filter.Statuses ?? []).Where(s => s.IsTerminal()).Select(s => s.ToString()).ToArray();
        var condition = "($1::timestamptz IS NULL OR created_at >= $1) AND ($2::timestamptz IS NULL OR created_at < $2) AND (cardinality($3::text[]) = 0 OR runtime_status = ANY($3))";
        NpgsqlParameter[] parameters = [Time(filter.CreatedFrom), Time(filter.CreatedTo), Texts(statuses)];
        return new PurgeResult(filter.Statuses is { Count: > 0 } && statuses.Length == 0
            ? 0
            : await Purger.PurgeAsync(_dataSource, condition, parameters, cancellationToken));
    }

    /// <summary>One page of instances matching the query, oldest first.</summary>
    public async Task<OrchestrationQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        var after = ReadToken(query.ContinuationToken);
        await using var command = _dataSource.CreateCommand($"""
            SELECT {InstanceReader.Columns} FROM durable.instances
            WHERE ($1::timestamptz IS NULL OR created_at >= $1) AND ($2::timestamptz IS NULL OR created_at < $2)
              AND (cardinality($3::text[]) = 0 OR runtime_status = ANY($3))
              AND ($4::text IS NULL OR starts_with(instance_id, $4))
              AND ($5::timestamptz IS NULL OR (created_at, instance_id) > ($5, $6))
            ORDER BY created_at, instance_id
            LIMIT $7
            """);
        NpgsqlParameter[] parameters = [
            Time(query.CreatedFrom), Time(query.CreatedTo), Texts((query.Statuses ?? []).Select(s => s.ToString())),
            Text(query.InstanceIdPrefix), Time(after?.CreatedAt), Text(after?.InstanceId ?? ""), Int(query.PageSize + 1),
        ];
        command.Parameters.AddRange(parameters);
        var instances = new List<OrchestrationMetadata>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            instances.Add(InstanceReader.Read(reader, query.FetchInputsAndOutputs));
        }

        if (instances.Count <= query.PageSize)
        {
            return new OrchestrationQueryPage(instances, null);
        }

        instances.RemoveAt(instances.Count - 1);
        var last = instances[^1];
        return new OrchestrationQueryPage(instances, WriteToken(last.CreatedAt, last.InstanceId));
    }

    /// <summary>Every instance matching the query, page by page.</summary>
    public async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? query = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = await QueryInstancesAsync(query ?? new OrchestrationQuery(), cancellationToken);
        while (true)
        {
            foreach (var instance in page.Instances)
            {
                yield return instance;
            }

            if (page.ContinuationToken is null)
            {
                yield break;
            }

            page = await QueryInstancesAsync((query ?? new OrchestrationQuery()) with { ContinuationToken = page.ContinuationToken }, cancellationToken);
        }
    }

    private async Task<InstanceControlResult> TrySendAsync(string instanceId, HistoryEvent message, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command("""
            WITH target AS (
                SELECT instance_id, runtime_status FROM durable.instances WHERE instance_id = $1
            ), sent AS (
                INSERT INTO durable.messages (instance_id, event_type, event)
                SELECT instance_id, $2, $3 FROM target WHERE runtime_status NOT IN ('Completed', 'Failed', 'Terminated')
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM target), (SELECT count(*) FROM sent)
            """, Text(instanceId), Text(message.EventType), Text(DurableJson.Write(message))));
        batch.BatchCommands.Add(Command($"SELECT pg_notify('{Channels.Orchestrations}', '')"));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (exists, sent) = (reader.GetInt64(0) > 0, reader.GetInt64(1) > 0);
        return sent ? InstanceControlResult.Accepted
            : exists ? InstanceControlResult.Finished
            : InstanceControlResult.NotFound;
    }

    private static void Require(string instanceId, InstanceControlResult result)
    {
        if (result == InstanceControlResult.NotFound)
        {
            throw new OrchestrationNotFoundException(instanceId);
        }
    }

    private static NpgsqlParameter Time(DateTimeOffset? value) =>
        new() { Value = value is { } v ? v.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz };

    private static NpgsqlParameter Time(DateTime? value) =>
        new() { Value = value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz };

    private static string WriteToken(DateTime createdAt, string instanceId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{createdAt.Ticks.ToString(CultureInfo.InvariantCulture)}|{instanceId}"));

    private static (DateTime CreatedAt, string InstanceId)? ReadToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var separator = text.IndexOf('|', StringComparison.Ordinal);
            return (new DateTime(long.Parse(text[..separator], CultureInfo.InvariantCulture), DateTimeKind.Utc), text[(separator + 1)..]);
        }
        catch (FormatException e)
        {
            throw new ArgumentException("The continuation token is not one this API returned.", nameof(token), e);
        }
    }
}

/// <summary>A control request to an instance.</summary>
public enum InstanceControl
{
    /// <summary>Stop it for good.</summary>
    Terminate,

    /// <summary>Pause it.</summary>
    Suspend,

    /// <summary>Continue a paused instance.</summary>
    Resume,
}
