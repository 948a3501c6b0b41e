using Npgsql;
using static GoldAnalytics.Runtime.Durable.Store.Parameters;

namespace GoldAnalytics.Runtime.Durable.Store;

/// <summary>Deletes finished instances with their history, inbox and queued activities, a chunk per transaction.</summary>
internal static class Purger
{
    private const string Finished = "('Completed', 'Failed', 'Terminated')";

    /// <summary>Purges finished instances matching the filter; returns how many were deleted.</summary>
    public static async Task<int> PurgeAsync(NpgsqlDataSource dataSource, string condition, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        // Chunks keep each transaction short, so purging a large backlog never blocks the workers for long. The chunk is
        // a materialised CTE, locked once, so no plan can rerun it and take more than one chunk per statement.
        var total = 0;
        while (true)
        {
            var sql = $"""
                WITH doomed AS MATERIALIZED (
                    SELECT instance_id FROM durable.instances
                    WHERE runtime_status IN {Finished} AND {condition}
                    LIMIT 500
                    FOR UPDATE SKIP LOCKED
                ), h AS (
                    DELETE FROM durable.history h USING doomed d WHERE h.instance_id = d.instance_id
                ), m AS (
                    DELETE FROM durable.messages m USING doomed d WHERE m.instance_id = d.instance_id
                ), a AS (
                    DELETE FROM durable.activities a USING doomed d WHERE a.instance_id = d.instance_id
                )
                DELETE FROM durable.instances i USING doomed d WHERE i.instance_id = d.instance_id
                """;
#pragma warning disable CA2100 // The condition is one of this assembly's constants; values are parameters.
            await using var command = dataSource.CreateCommand(sql);
#pragma warning restore CA2100
            command.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            total += deleted;
            if (deleted < 500)
            {
                return total;
            }
        }
    }

    /// <summary>Purges instances finished before now minus the retention, and messages whose instance no longer exists.</summary>
    public static async Task<int> PurgeExpiredAsync(NpgsqlDataSource dataSource, TimeSpan retention, CancellationToken cancellationToken)
    {
        var purged = await PurgeAsync(dataSource, "completed_at < now() - $1",
            [new NpgsqlParameter { Value = retention, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Interval }], cancellationToken);
        await using var orphans = dataSource.CreateCommand("""
            DELETE FROM durable.messages m
            WHERE m.visible_at < now() - interval '1 minute'
              AND NOT EXISTS (SELECT 1 FROM durable.instances i WHERE i.instance_id = m.instance_id)
            """);
        await orphans.ExecuteNonQueryAsync(cancellationToken);
        return purged;
    }

    /// <summary>Purges one instance if it is finished; true when it was deleted.</summary>
    public static async Task<bool> PurgeOneAsync(NpgsqlDataSource dataSource, string instanceId, CancellationToken cancellationToken) =>
        await PurgeAsync(dataSource, "instance_id = $1", [Text(instanceId)], cancellationToken) == 1;
}
