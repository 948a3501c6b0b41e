using Dapper;
using GoldAnalytics.Data.Outbox;
using GoldAnalytics.Testing;
using Npgsql;

namespace GoldAnalytics.Data.Tests.Outbox;

public sealed class OutboxClaimTests : DataSourceTest<ShopDatabase>
{
    // The claim as it was: the locking subquery in FROM, which a nested loop runs once per outer row.
    private const string SubqueryClaim = """
        UPDATE outbox_deliveries d
           SET due_at = now() + interval '1 minute', attempts = d.attempts + 1
          FROM (SELECT event_id FROM outbox_deliveries
                 WHERE subscriber = $1 AND delivered_at IS NULL AND dead_at IS NULL AND due_at <= now()
                 ORDER BY event_id LIMIT $2 FOR UPDATE SKIP LOCKED) c
         WHERE d.subscriber = $1 AND d.event_id = c.event_id
        """;

    [Fact]
    public async Task A_claim_takes_exactly_its_batch_even_when_the_statistics_make_the_planner_pick_a_nested_loop()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("DELETE FROM outbox_subscribers; INSERT INTO outbox_subscribers (name) VALUES ('ledger')");
        await AppendAsync(connection, 1);
        await ClaimPlans.FreezeStatisticsAsync(connection, "outbox_deliveries");
        await AppendAsync(connection, 37);
        (await ClaimPlans.RescansSubqueryPerRowAsync(connection, SubqueryClaim, "ledger", 10))
            .Should().BeTrue("the test must give the old claim its dangerous plan");
        var store = new OutboxStore(DataSource);

        var first = await store.ClaimAsync("ledger", 10, TimeSpan.FromMinutes(1), CancellationToken.None);
        var second = await store.ClaimAsync("ledger", 10, TimeSpan.FromMinutes(1), CancellationToken.None);

        var events = (await connection.QueryAsync<long>("SELECT id FROM outbox_events ORDER BY id")).ToList();
        first.Select(e => e.Id).Should().Equal(events.Take(10));
        second.Select(e => e.Id).Should().Equal(events.Skip(10).Take(10));
        (await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM outbox_deliveries WHERE attempts > 0")).Should().Be(20);
    }

    private static Task<int> AppendAsync(NpgsqlConnection connection, int count) => connection.ExecuteAsync("""
        INSERT INTO outbox_events (kind, entity, entity_id, actor)
        SELECT 'sales.invoice.created', 'invoice', g::text, 'probe' FROM generate_series(1, @count) g
        """, new { count });
}
