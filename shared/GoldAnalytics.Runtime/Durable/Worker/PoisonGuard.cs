using System.Collections.Concurrent;
using GoldAnalytics.Runtime.Durable.History;
using GoldAnalytics.Runtime.Durable.Store;
using Microsoft.Extensions.Logging;
using Npgsql;
using static GoldAnalytics.Runtime.Durable.Store.Parameters;

namespace GoldAnalytics.Runtime.Durable.Worker;

/// <summary>A single-instance batch failed with an error that will recur on retry.</summary>
internal sealed class InstanceCheckpointException(string instanceId, Exception inner)
    : Exception($"The checkpoint of instance '{instanceId}' failed: {inner.Message}", inner)
{
    public string InstanceId { get; } = instanceId;
}

/// <summary>
/// Keeps one instance whose checkpoint can never commit (data too large, a corrupt row) from blocking the others:
/// after a batch fails with such an error, loops claim one instance at a time for a while; an instance that fails
/// alone three times is marked Failed with the error, so it is visible instead of silently stuck.
/// </summary>
internal sealed class PoisonGuard(NpgsqlDataSource dataSource, ILogger logger)
{
    private const int Strikes = 3;
    private readonly ConcurrentDictionary<string, int> _strikes = new();
    private int _isolatedBatches;

    /// <summary>Batch size to use now: 1 while isolating after a deterministic failure.</summary>
    public int BatchSize(int normal) => Volatile.Read(ref _isolatedBatches) > 0 && Interlocked.Decrement(ref _isolatedBatches) >= 0 ? 1 : normal;

    /// <summary>Errors that retrying the same batch will hit again (not connection loss or a restart).</summary>
    public static bool IsDeterministic(Exception e) => e switch
    {
        PostgresException p => p.SqlState[..2] is "22" or "23" or "54" or "42",
        NpgsqlException or OperationCanceledException or TimeoutException => false,
        _ => true,
    };

    public async Task OnFailureAsync(Exception e, CancellationToken cancellationToken)
    {
        if (e is InstanceCheckpointException failed)
        {
            if (_strikes.AddOrUpdate(failed.InstanceId, 1, (_, n) => n + 1) >= Strikes)
            {
                _strikes.TryRemove(failed.InstanceId, out _);
                await FailInstanceAsync(failed.InstanceId, failed.InnerException!, cancellationToken);
            }

            Interlocked.Exchange(ref _isolatedBatches, 20);
        }
        else if (IsDeterministic(e))
        {
            Interlocked.Exchange(ref _isolatedBatches, 20);
        }
    }

    private async Task FailInstanceAsync(string instanceId, Exception cause, CancellationToken cancellationToken)
    {
        logger.LogError(cause, "Instance {InstanceId} could not be checkpointed {Strikes} times; marking it Failed", instanceId, Strikes);
        var failure = DurableJson.Serialize(TaskFailureDetails.FromException(new InvalidOperationException(
            $"The engine could not commit this instance's step: {cause.Message}", cause)));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command("""
            UPDATE durable.instances SET runtime_status = 'Failed', failure = $2, completed_at = now(), last_updated_at = now(), checkpoint = checkpoint + 1
            WHERE instance_id = $1 AND runtime_status NOT IN ('Completed', 'Failed', 'Terminated')
            """, Text(instanceId), Text(failure)));
        batch.BatchCommands.Add(Command($"SELECT pg_notify('{Channels.Completed}', $1)", Text(instanceId)));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
