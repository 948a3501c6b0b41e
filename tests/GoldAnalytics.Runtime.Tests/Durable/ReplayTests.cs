using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Runtime.Durable.History;

namespace GoldAnalytics.Runtime.Tests.Durable;

/// <summary>With extended sessions off every step replays the whole history, as after a host restart.</summary>
public sealed class ReplayTests : DurableTestHost
{
    protected override void Configure(DurableTaskOptions options) => options.ExtendedSessionsEnabled = false;

    [Fact]
    public async Task Orchestrations_replayed_from_history_at_every_step_give_the_same_results()
    {
        var sequence = await RunAsync("HelloCities", new List<string> { "Fez", "Tunis", "Oran", "Sfax" });
        var fanOut = await RunAsync("FanOutFanIn", 50);
        var retried = await RunAsync("RetriesFlaky", new ContextOrchestrations.RetryInput(Guid.NewGuid().ToString(), 2, 4));

        sequence.ReadOutputAs<List<string>>().Should().Equal("Hello Fez!", "Hello Tunis!", "Hello Oran!", "Hello Sfax!");
        fanOut.ReadOutputAs<int>().Should().Be(Enumerable.Range(1, 50).Sum(i => i * i));
        retried.ReadOutputAs<string>().Should().Be("ok after 3");
    }

    [Fact]
    public async Task A_replay_that_diverges_from_history_fails_naming_the_step_and_both_calls()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("ChangesItsMind");
        await WaitForHistoryAsync<TaskCompleted>(id);

        ReplayOrchestrations.ChangedCode[id] = true;
        await Client.RaiseEventAsync(id, "Go");

        var failed = await CompletionAsync(id);
        failed.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        failed.FailureDetails!.ErrorType.Should().Be(typeof(NonDeterministicOrchestrationException).FullName);
        failed.FailureDetails.ErrorMessage.Should()
            .Contain("(task 0)").And.Contain("history records CallActivity 'SayHello'").And.Contain("now calls CallActivity 'Square' instead");
    }

    [Fact]
    public async Task An_unchanged_orchestration_replays_without_a_determinism_error()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("ChangesItsMind");
        await WaitForHistoryAsync<TaskCompleted>(id);

        await Client.RaiseEventAsync(id, "Go");

        (await CompletionAsync(id)).ReadOutputAs<string>().Should().Be("Hello Aden!");
    }

    [Fact]
    public async Task A_host_refuses_an_instance_of_a_version_it_does_not_have_and_runs_its_own()
    {
        var unknown = await Client.ScheduleNewOrchestrationInstanceAsync("VersionedReorder", options: new StartOrchestrationOptions(Version: "1"));
        var current = await Client.ScheduleNewOrchestrationInstanceAsync("VersionedReorder");

        (await CompletionAsync(current)).ReadOutputAs<string>().Should().Be("v2: Hello Salalah!");
        await Task.Delay(1000);
        var refused = await Client.GetInstanceAsync(unknown);
        refused!.Version.Should().Be("1");
        refused.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Pending, "no host with version 1 exists to run it");
        (await Client.GetHistoryAsync(unknown)).Events.Should().BeEmpty("it was never replayed against the wrong code");
    }

    private async Task WaitForHistoryAsync<T>(string instanceId) where T : HistoryEvent
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!(await Client.GetHistoryAsync(instanceId, pageSize: 1000)).Events.OfType<T>().Any())
        {
            DateTime.UtcNow.Should().BeBefore(deadline);
            await Task.Delay(20);
        }
    }
}
