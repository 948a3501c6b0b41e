using GoldAnalytics.Runtime.Durable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GoldAnalytics.Runtime.Tests.Durable;

public sealed class WorkerLifecycleTests : IAsyncLifetime
{
    private readonly DurableDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task An_activity_abandoned_by_a_stopped_host_is_redelivered_after_its_lease_expires()
    {
        var first = await StartHostAsync(_ => { });
        var client = first.GetRequiredService<DurableTaskClient>();
        var id = await client.ScheduleNewOrchestrationInstanceAsync("CallsHangingActivity");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!ReplayOrchestrations.Runs.ContainsKey(id))
        {
            DateTime.UtcNow.Should().BeBefore(deadline);
            await Task.Delay(20);
        }

        await StopHostAsync(first);
        var stoppedAt = DateTime.UtcNow;
        var second = await StartHostAsync(_ => { });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await second.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(id, true, timeout.Token);

        done.ReadOutputAs<string>().Should().Be("run 2");
        (DateTime.UtcNow - stoppedAt).Should().BeGreaterThan(TimeSpan.FromSeconds(2), "the item waited for its 3 s lease to expire");
        await StopHostAsync(second);
    }

    [Fact]
    public async Task Finished_instances_are_purged_automatically_after_the_retention()
    {
        var host = await StartHostAsync(options =>
        {
            options.CompletedInstanceRetention = TimeSpan.FromSeconds(1);
            options.PurgeInterval = TimeSpan.FromMilliseconds(300);
        });
        var client = host.GetRequiredService<DurableTaskClient>();
        var finished = await client.ScheduleNewOrchestrationInstanceAsync("HelloCities", new List<string> { "Medina" });
        var running = await client.ScheduleNewOrchestrationInstanceAsync("WaitsForever");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.WaitForInstanceCompletionAsync(finished, false, timeout.Token);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await client.GetInstanceAsync(finished) is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        (await client.GetInstanceAsync(finished)).Should().BeNull();
        (await client.GetInstanceAsync(running)).Should().NotBeNull("running instances are never purged");
        await StopHostAsync(host);
    }

    private async Task<ServiceProvider> StartHostAsync(Action<DurableTaskOptions> configure)
    {
        var services = DurableTestHost.BuildServices(_database.ConnectionString, configure);
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return services;
    }

    private static async Task StopHostAsync(ServiceProvider services)
    {
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await services.DisposeAsync();
    }
}
