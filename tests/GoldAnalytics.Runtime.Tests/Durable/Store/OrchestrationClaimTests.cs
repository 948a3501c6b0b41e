using Dapper;
using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Runtime.Durable.Store;
using GoldAnalytics.Runtime.Durable.Worker;
using GoldAnalytics.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GoldAnalytics.Runtime.Tests.Durable.Store;

public sealed class OrchestrationClaimTests : DataSourceTest<DurableDatabase>
{
    private ServiceProvider _services = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // No worker is started: the instances stay queued for the claims of the test.
        _services = DurableTestHost.BuildServices(ConnectionString, _ => { });
    }

    public override async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_claim_takes_exactly_its_batch_size_of_instances_when_the_statistics_are_stale()
    {
        var client = _services.GetRequiredService<DurableTaskClient>();
        await client.ScheduleNewOrchestrationInstanceAsync("HelloCities");
        await using (var connection = await DataSource.OpenConnectionAsync())
        {
            await ClaimPlans.FreezeStatisticsAsync(connection, "durable.instances");
            await ClaimPlans.FreezeStatisticsAsync(connection, "durable.messages");
        }

        for (var i = 0; i < 37; i++)
        {
            await client.ScheduleNewOrchestrationInstanceAsync("HelloCities");
        }

        var known = _services.GetRequiredService<DurableRegistry>().Known;
        await using var first = await OrchestrationWorkBatch.ClaimAsync(DataSource, 10, known, CancellationToken.None);
        await using var second = await OrchestrationWorkBatch.ClaimAsync(DataSource, 10, known, CancellationToken.None);

        first!.Instances.Should().HaveCount(10);
        second!.Instances.Should().HaveCount(10);
        first.Instances.Select(i => i.InstanceId).Should().NotIntersectWith(second.Instances.Select(i => i.InstanceId));
        await using var other = await DataSource.OpenConnectionAsync();
        await using var transaction = await other.BeginTransactionAsync();
        (await other.QueryAsync<string>("SELECT instance_id FROM durable.instances FOR UPDATE SKIP LOCKED", transaction: transaction))
            .Should().HaveCount(18, "the two batches hold twenty instances, no more");
    }
}
