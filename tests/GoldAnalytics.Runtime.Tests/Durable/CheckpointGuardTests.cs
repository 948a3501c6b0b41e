using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Runtime.Durable.History;
using GoldAnalytics.Runtime.Durable.Store;
using Npgsql;

namespace GoldAnalytics.Runtime.Tests.Durable;

public sealed class CheckpointGuardTests : IAsyncLifetime
{
    private readonly DurableDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_checkpoint_whose_messages_were_already_consumed_rolls_back_entirely()
    {
        await using var store = new DurableStore(_database.ConnectionString);
        await using var client = new DurableTaskClient(store);
        var id = await client.ScheduleNewOrchestrationInstanceAsync("Anything", "input");
        var known = new KnownOrchestrations(["Anything"], [""]);

        await using var batch = await OrchestrationWorkBatch.ClaimAsync(store.DataSource, 10, known, CancellationToken.None);
        var message = batch!.Messages[id].Single();
        await using (var other = new NpgsqlConnection(_database.ConnectionString))
        {
            await other.OpenAsync();
            await using var steal = new NpgsqlCommand("DELETE FROM durable.messages WHERE id = $1", other) { Parameters = { new() { Value = message.Id } } };
            await steal.ExecuteNonQueryAsync();
        }

        var checkpoint = new CheckpointBatch();
        checkpoint.Consume([message.Id]);
        checkpoint.AppendHistory(id, batch.Instances[0].ExecutionId, 0, [new OrchestratorStarted { Timestamp = DateTime.UtcNow }]);
        checkpoint.Update(new InstanceUpdate(id, batch.Instances[0].ExecutionId, OrchestrationRuntimeStatus.Running, null, null, null));
        var commit = () => batch.CommitAsync(checkpoint, CancellationToken.None);

        (await commit.Should().ThrowAsync<PostgresException>()).Which.MessageText.Should().Contain("another step consumed the rest");
        (await client.GetHistoryAsync(id)).Events.Should().BeEmpty();
        (await client.GetInstanceAsync(id))!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Pending);
    }
}
