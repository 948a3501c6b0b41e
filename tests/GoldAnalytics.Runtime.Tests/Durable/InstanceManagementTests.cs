using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Runtime.Durable.History;

namespace GoldAnalytics.Runtime.Tests.Durable;

public sealed class InstanceManagementTests : DurableTestHost
{
    [Fact]
    public async Task Starting_an_id_that_is_still_running_is_refused_and_a_finished_id_can_be_reused()
    {
        var id = $"reorder-{Guid.NewGuid():N}";
        await Client.ScheduleNewOrchestrationInstanceAsync("WaitsForever", options: new StartOrchestrationOptions(id));

        var again = () => Client.ScheduleNewOrchestrationInstanceAsync("WaitsForever", options: new StartOrchestrationOptions(id));

        (await again.Should().ThrowAsync<OrchestrationAlreadyExistsException>()).Which.Message.Should().Contain(id).And.Contain("terminate it");
        await Client.TerminateInstanceAsync(id, "replaced");
        await CompletionAsync(id);
        await Client.ScheduleNewOrchestrationInstanceAsync("HelloCities", new List<string> { "Sharjah" }, new StartOrchestrationOptions(id));
        var reused = await CompletionAsync(id);
        reused.ReadOutputAs<List<string>>().Should().Equal("Hello Sharjah!");
        (await Client.GetHistoryAsync(id, pageSize: 1000)).Events.OfType<ExecutionTerminated>().Should().BeEmpty("the old execution's history went with it");
    }

    [Fact]
    public async Task An_instance_with_a_start_time_stays_pending_until_then()
    {
        // Far enough ahead that a busy test machine still reads the status before the start time.
        var startAt = DateTimeOffset.UtcNow.AddSeconds(5);

        var id = await Client.ScheduleNewOrchestrationInstanceAsync("HelloCities", new List<string> { "Muscat" }, new StartOrchestrationOptions(StartAt: startAt));

        await Task.Delay(700);
        (await Client.GetInstanceAsync(id))!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Pending);
        var done = await CompletionAsync(id);
        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        done.LastUpdatedAt.Should().BeOnOrAfter(startAt.UtcDateTime);
    }

    [Fact]
    public async Task Terminating_a_running_instance_records_the_reason_as_output()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("WaitsForever");
        await StatusAsync(id, OrchestrationRuntimeStatus.Running);

        await Client.TerminateInstanceAsync(id, "order cancelled by the customer");

        var done = await CompletionAsync(id);
        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Terminated);
        done.ReadOutputAs<string>().Should().Be("order cancelled by the customer");
        (await Client.TryRaiseEventAsync(id, "Tick")).Should().Be(InstanceControlResult.Finished);
        (await Client.TryRaiseEventAsync("no-such-instance", "Tick")).Should().Be(InstanceControlResult.NotFound);
    }

    [Fact]
    public async Task A_suspended_instance_keeps_its_events_until_it_is_resumed()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("WaitsForever");
        await StatusAsync(id, OrchestrationRuntimeStatus.Running);

        await Client.SuspendInstanceAsync(id, "stock count in progress");
        (await StatusAsync(id, OrchestrationRuntimeStatus.Suspended)).RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Suspended);
        await Client.RaiseEventAsync(id, "Tick");
        await Client.RaiseEventAsync(id, "Tick");
        await Task.Delay(500);
        (await Client.GetInstanceAsync(id))!.SerializedCustomStatus.Should().BeNull("a suspended instance runs nothing");

        await Client.ResumeInstanceAsync(id);

        await StatusAsync(id, OrchestrationRuntimeStatus.Running);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await Client.GetInstanceAsync(id))!.SerializedCustomStatus != "2" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        (await Client.GetInstanceAsync(id))!.SerializedCustomStatus.Should().Be("2");
    }

    [Fact]
    public async Task Purging_deletes_a_finished_instance_with_its_history_but_not_a_running_one()
    {
        var done = await RunAsync("HelloCities", new List<string> { "Manama" });
        var running = await Client.ScheduleNewOrchestrationInstanceAsync("WaitsForever");
        await StatusAsync(running, OrchestrationRuntimeStatus.Running);

        (await Client.PurgeInstanceAsync(done.InstanceId)).PurgedInstanceCount.Should().Be(1);
        (await Client.PurgeInstanceAsync(running)).PurgedInstanceCount.Should().Be(0);

        (await Client.GetInstanceAsync(done.InstanceId)).Should().BeNull();
        (await ScalarAsync<long>("SELECT count(*) FROM durable.history WHERE instance_id = @id", new { id = done.InstanceId })).Should().Be(0);
        (await Client.GetInstanceAsync(running)).Should().NotBeNull();
    }

    [Fact]
    public async Task Purging_by_filter_deletes_only_matching_finished_instances()
    {
        var before = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        var completed = await RunAsync("HelloCities", new List<string> { "Amman" });
        var failed = await RunAsync("ThrowsOrchestrator");

        var result = await Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(before, null, [OrchestrationRuntimeStatus.Failed]));

        result.PurgedInstanceCount.Should().Be(1);
        (await Client.GetInstanceAsync(failed.InstanceId)).Should().BeNull();
        (await Client.GetInstanceAsync(completed.InstanceId)).Should().NotBeNull();
    }

    [Fact]
    public async Task Queries_filter_by_status_and_page_with_a_continuation_token()
    {
        var prefix = $"q{Guid.NewGuid():N}"[..10];
        for (var i = 0; i < 7; i++)
        {
            await RunAsync("HelloCities", new List<string> { "Beirut" }, $"{prefix}-{i}");
        }

        await Client.ScheduleNewOrchestrationInstanceAsync("WaitsForever", options: new StartOrchestrationOptions($"{prefix}-running"));
        await StatusAsync($"{prefix}-running", OrchestrationRuntimeStatus.Running);

        var query = new OrchestrationQuery(Statuses: [OrchestrationRuntimeStatus.Completed], InstanceIdPrefix: prefix, PageSize: 3, FetchInputsAndOutputs: true);
        var pages = new List<OrchestrationQueryPage> { await Client.QueryInstancesAsync(query) };
        while (pages[^1].ContinuationToken is { } token)
        {
            pages.Add(await Client.QueryInstancesAsync(query with { ContinuationToken = token }));
        }

        pages.Select(p => p.Instances.Count).Should().Equal(3, 3, 1);
        pages.SelectMany(p => p.Instances).Select(i => i.InstanceId).Should().BeEquivalentTo(Enumerable.Range(0, 7).Select(i => $"{prefix}-{i}"));
        pages[0].Instances[0].ReadOutputAs<List<string>>().Should().Equal("Hello Beirut!");
        var all = new List<OrchestrationMetadata>();
        await foreach (var instance in Client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: prefix, PageSize: 2)))
        {
            all.Add(instance);
        }

        all.Should().HaveCount(8);
    }

    [Fact]
    public async Task History_is_read_in_pages()
    {
        var result = await RunAsync("FanOutFanIn", 30);

        var events = new List<HistoryEvent>();
        int? from = 0;
        var pages = 0;
        while (from is { } start)
        {
            var page = await Client.GetHistoryAsync(result.InstanceId, start, pageSize: 10);
            events.AddRange(page.Events);
            from = page.NextSequence;
            pages++;
        }

        events.OfType<TaskScheduled>().Should().HaveCount(30);
        events.OfType<TaskCompleted>().Should().HaveCount(30);
        pages.Should().Be((events.Count + 9) / 10);
    }
}
