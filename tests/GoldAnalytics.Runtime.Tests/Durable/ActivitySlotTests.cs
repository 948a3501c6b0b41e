using System.Collections.Concurrent;
using Dapper;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Runtime.Tests.Durable.Store;
using GoldAnalytics.Testing;
using Npgsql;

namespace GoldAnalytics.Runtime.Tests.Durable;

public sealed class ActivitySlotTests : DurableTestHost
{
    private const int Slots = 4;
    private static readonly string[] HoldSlot = ["HoldSlot"];

    protected override void Configure(DurableTaskOptions options) => options.MaxConcurrentActivityFunctions = Slots;

    [Fact]
    public async Task A_worker_with_four_activity_slots_never_runs_more_than_four_activities_at_once()
    {
        // Statistics frozen at one queued item, as in a quiet queue that a fan-out then fills.
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync("""
                INSERT INTO durable.activities (instance_id, execution_id, task_id, name) VALUES ('elsewhere', gen_random_uuid(), 0, 'NotAFunctionOfThisApp')
                """);
            await ClaimPlans.FreezeStatisticsAsync(connection, "durable.activities");
            (await ClaimPlans.RescansSubqueryPerRowAsync(connection, ActivityQueueClaimTests.SubqueryClaim, "probe", HoldSlot, Slots))
                .Should().BeTrue("the test must give the old claim its dangerous plan");
        }

        var gate = SlotGate.Open(Slots);
        var instanceId = await Client.ScheduleNewOrchestrationInstanceAsync("FillsSlots", new SlotRun(gate.Key, 24));
        await gate.FullAsync().WaitAsync(TimeSpan.FromSeconds(30));

        (await ScalarAsync<long>("SELECT count(*) FROM durable.activities WHERE locked_by IS NOT NULL")).Should().Be(Slots);
        gate.Release();
        var result = await CompletionAsync(instanceId);
        result.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        result.ReadOutputAs<int>().Should().Be(24);
        gate.MostAtOnce.Should().Be(Slots);
    }
}

public sealed record SlotRun(string Gate, int Activities);

/// <summary>Fans out activities that hold their slot until the test releases them.</summary>
public static class SlotOrchestrations
{
    [Function("FillsSlots")]
    public static async Task<int> FillsSlots([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var run = context.GetInput<SlotRun>()!;
        var done = await Task.WhenAll(Enumerable.Range(0, run.Activities).Select(_ => context.CallActivityAsync<int>("HoldSlot", run.Gate)));
        return done.Sum();
    }

    [Function("HoldSlot")]
    public static async Task<int> HoldSlot([ActivityTrigger] string gate)
    {
        await SlotGate.Of(gate).PassAsync();
        return 1;
    }
}

/// <summary>Counts the activities running at once; they wait until released, so the count shows what the worker started.</summary>
internal sealed class SlotGate(int slots)
{
    private static readonly ConcurrentDictionary<string, SlotGate> Gates = new();
    private readonly TaskCompletionSource _full = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private int _running;

    public string Key { get; } = Guid.NewGuid().ToString("N");

    public int MostAtOnce { get; private set; }

    public static SlotGate Open(int slots)
    {
        var gate = new SlotGate(slots);
        Gates[gate.Key] = gate;
        return gate;
    }

    public static SlotGate Of(string key) => Gates[key];

    /// <summary>Completes once as many activities run at once as the worker has slots.</summary>
    public Task FullAsync() => _full.Task;

    public void Release() => _released.TrySetResult();

    public async Task PassAsync()
    {
        lock (_lock)
        {
            _running++;
            MostAtOnce = Math.Max(MostAtOnce, _running);
            if (_running >= slots)
            {
                _full.TrySetResult();
            }
        }

        await _released.Task;
        lock (_lock)
        {
            _running--;
        }
    }
}
