using Dapper;
using GoldAnalytics.Runtime.Durable.Store;
using GoldAnalytics.Testing;
using Npgsql;

namespace GoldAnalytics.Runtime.Tests.Durable.Store;

public sealed class ActivityQueueClaimTests : DataSourceTest<DurableDatabase>
{
    // The claim as it was: the locking subquery in FROM, which a nested loop runs once per outer row.
    internal const string SubqueryClaim = """
        UPDATE durable.activities a
        SET locked_by = $1, lock_expires_at = now() + interval '1 minute', dequeue_count = a.dequeue_count + 1
        FROM (
            SELECT id FROM durable.activities
            WHERE (lock_expires_at IS NULL OR lock_expires_at < now()) AND name = ANY($2)
            ORDER BY id
            LIMIT $3
            FOR UPDATE SKIP LOCKED
        ) c
        WHERE a.id = c.id
        """;

    private static readonly string[] Polish = ["Polish"];

    [Fact]
    public async Task A_claim_takes_exactly_its_count_even_when_the_statistics_make_the_planner_pick_a_nested_loop()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await QueueAsync(connection, 1);
        await ClaimPlans.FreezeStatisticsAsync(connection, "durable.activities");
        await QueueAsync(connection, 37);
        (await ClaimPlans.RescansSubqueryPerRowAsync(connection, SubqueryClaim, "probe", Polish, 10))
            .Should().BeTrue("the test must give the old claim its dangerous plan");

        var first = await new ActivityQueue(DataSource, "host-a", TimeSpan.FromMinutes(1)).ClaimAsync(Polish, 10, CancellationToken.None);
        var second = await new ActivityQueue(DataSource, "host-b", TimeSpan.FromMinutes(1)).ClaimAsync(Polish, 10, CancellationToken.None);

        first.Select(a => a.Id).Should().Equal(Enumerable.Range(1, 10).Select(i => (long)i));
        second.Select(a => a.Id).Should().Equal(Enumerable.Range(11, 10).Select(i => (long)i));
        var locks = (await connection.QueryAsync<(string Host, int Count)>(
            "SELECT locked_by, count(*)::int FROM durable.activities WHERE locked_by IS NOT NULL GROUP BY locked_by ORDER BY locked_by")).ToList();
        locks.Should().Equal(("host-a", 10), ("host-b", 10));
    }

    private static Task<int> QueueAsync(NpgsqlConnection connection, int count) => connection.ExecuteAsync("""
        INSERT INTO durable.activities (instance_id, execution_id, task_id, name, input)
        SELECT 'batch', gen_random_uuid(), g, 'Polish', '"ring"' FROM generate_series(1, @count) g
        """, new { count });
}
