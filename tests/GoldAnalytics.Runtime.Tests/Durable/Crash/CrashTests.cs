using GoldAnalytics.Testing;
using Xunit.Abstractions;

namespace GoldAnalytics.Runtime.Tests.Durable.Crash;

/// <summary>Host processes are killed with SIGKILL at random points of a workload; every instance must still complete exactly once.</summary>
public sealed class CrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Every_orchestration_completes_exactly_once_across_fifty_sigkills_of_its_host()
    {
        var workload = new CrashWorkload(_database.ConnectionString);
        await workload.PrepareAsync();
        await workload.ScheduleAsync(count: 30, steps: 6);
        var random = new Random(20261121);
        var killsWithWorkInFlight = 0;
        for (var kill = 0; kill < 50; kill++)
        {
            // New work keeps arriving, and each host is killed at a random point of its progress (after a random
            // number of activities of its own), so the kill lands in the middle of the work, however fast the machine.
            await workload.ScheduleAsync(count: 6, steps: 12);
            var name = $"host-{kill}";
            var host = await HostProcess.StartAsync(_database.ConnectionString, name);
            var killAfter = random.Next(1, 60);
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < deadline && (await workload.ActivityRunsByHostAsync()).GetValueOrDefault(name) < killAfter)
            {
                await Task.Delay(5);
            }

            if (await workload.CompletedCountAsync() < workload.Instances.Count)
            {
                killsWithWorkInFlight++;
            }

            await host.KillAsync();
            await host.DisposeAsync();
        }

        var stepsBeforeSurvivor = (await workload.ActivityRunsByHostAsync()).Values.Sum();
        await using (var survivor = await HostProcess.StartAsync(_database.ConnectionString, "survivor"))
        {
            await workload.WaitForAllAsync(TimeSpan.FromSeconds(90));
        }

        output.WriteLine($"50 kills, {killsWithWorkInFlight} with unfinished instances; the killed hosts ran {stepsBeforeSurvivor} activities before the survivor started");
        stepsBeforeSurvivor.Should().BeGreaterThan(0, "the killed hosts made progress between kills");
        killsWithWorkInFlight.Should().BeGreaterThanOrEqualTo(40, "kills land while instances are unfinished");
        await workload.AssertCompletedExactlyOnceAsync();
    }

    [Fact]
    public async Task Two_hosts_on_one_database_share_the_load_and_complete_each_instance_once()
    {
        var workload = new CrashWorkload(_database.ConnectionString);
        await workload.PrepareAsync();
        await using var first = await HostProcess.StartAsync(_database.ConnectionString, "host-a");
        await using var second = await HostProcess.StartAsync(_database.ConnectionString, "host-b");

        await workload.ScheduleAsync(count: 150, steps: 5);
        await workload.WaitForAllAsync(TimeSpan.FromSeconds(90));

        await workload.AssertCompletedExactlyOnceAsync();
        var runs = await workload.ActivityRunsByHostAsync();
        output.WriteLine(string.Join(", ", runs.Select(r => $"{r.Key}: {r.Value} activity runs")));
        runs.Keys.Should().BeEquivalentTo("host-a", "host-b");
        runs.Values.Should().OnlyContain(n => n >= runs.Values.Sum() / 10, "each host takes a real share of the work");
    }
}

/// <summary>The database server restarts mid-workload; hosts reconnect and finish.</summary>
public sealed class DatabaseRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Hosts_reconnect_after_a_database_restart_and_finish_the_workload()
    {
        await using var cluster = await PrivatePostgres.StartAsync();
        await cluster.CreateDatabaseAsync("durable_restart");
        var connectionString = cluster.ConnectionString("durable_restart");
        var workload = new CrashWorkload(connectionString);
        await workload.PrepareAsync();
        await using var first = await HostProcess.StartAsync(connectionString, "host-a");
        await using var second = await HostProcess.StartAsync(connectionString, "host-b");
        await workload.ScheduleAsync(count: 120, steps: 6);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await workload.CompletedCountAsync() < 10 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var beforeRestart = await workload.CompletedCountAsync();
        await cluster.StopServerAsync();
        await Task.Delay(1500);
        await cluster.StartServerAsync();
        await workload.WaitForAllAsync(TimeSpan.FromSeconds(90));

        output.WriteLine($"{beforeRestart} of {workload.Instances.Count} completed before the restart");
        beforeRestart.Should().BeLessThan(workload.Instances.Count, "the restart happened mid-workload");
        await workload.AssertCompletedExactlyOnceAsync();
    }
}
