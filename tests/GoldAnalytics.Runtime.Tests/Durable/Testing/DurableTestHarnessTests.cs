using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Runtime.Durable.History;
using GoldAnalytics.Runtime.Durable.Testing;
using static GoldAnalytics.Runtime.Tests.Durable.ContextOrchestrations;

namespace GoldAnalytics.Runtime.Tests.Durable.Testing;

/// <summary>The in-memory harness: no database, virtual time, the engine's replay.</summary>
public sealed class DurableTestHarnessTests
{
    private readonly DurableTestHarness _harness = DurableTestHarness.ForFunctions(typeof(DurableTestHarnessTests).Assembly);

    [Fact]
    public async Task Runs_an_orchestration_with_its_real_activities()
    {
        var id = _harness.Start("HelloCities", new List<string> { "Dubai", "Cairo" });

        var done = await _harness.RunToCompletionAsync(id);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        done.ReadOutputAs<List<string>>().Should().Equal("Hello Dubai!", "Hello Cairo!");
    }

    [Fact]
    public async Task A_faked_activity_replaces_the_real_one()
    {
        _harness.WithActivity<string, string>("SayHello", city => $"Marhaba {city}");
        var id = _harness.Start("HelloCities", new List<string> { "Amman" });

        (await _harness.RunToCompletionAsync(id)).ReadOutputAs<List<string>>().Should().Equal("Marhaba Amman");
    }

    [Fact]
    public async Task A_day_long_approval_timeout_runs_instantly_on_virtual_time()
    {
        var start = _harness.CurrentUtcDateTime;
        var id = _harness.Start("AwaitsApproval", (int)TimeSpan.FromHours(24).TotalMilliseconds);

        var done = await _harness.RunToCompletionAsync(id);

        done.ReadOutputAs<string>().Should().Be("escalated");
        (_harness.CurrentUtcDateTime - start).Should().Be(TimeSpan.FromHours(24));
    }

    [Fact]
    public async Task An_event_raised_before_the_timeout_wins()
    {
        var id = _harness.Start("AwaitsApproval", (int)TimeSpan.FromHours(24).TotalMilliseconds);
        await _harness.AdvanceTimeAsync(TimeSpan.FromHours(3));

        _harness.RaiseEvent(id, "APPROVAL", "the owner");
        await _harness.RunUntilIdleAsync();

        _harness.GetInstance(id)!.ReadOutputAs<string>().Should().Be("approved by the owner");
    }

    [Fact]
    public async Task Retries_wait_on_durable_timers_in_virtual_time()
    {
        var calls = 0;
        _harness.WithActivity<FlakyInput, string>("Flaky", _ => ++calls < 4 ? throw new TimeoutException("scale busy") : "weighed");
        var start = _harness.CurrentUtcDateTime;
        var id = _harness.Start("RetriesFlaky", new RetryInput("harness", 3, 5));

        var done = await _harness.RunToCompletionAsync(id);

        done.ReadOutputAs<string>().Should().Be("weighed");
        (_harness.CurrentUtcDateTime - start).Should().Be(TimeSpan.FromMilliseconds(200 + 400 + 500));
        _harness.GetHistory(id).OfType<TimerCreated>().Should().HaveCount(3);
    }

    [Fact]
    public async Task A_changed_orchestrator_fails_with_the_same_non_determinism_error_as_the_engine()
    {
        var id = _harness.Start("ChangesItsMind");
        await _harness.RunUntilIdleAsync();

        ReplayOrchestrations.ChangedCode[id] = true;
        _harness.RaiseEvent(id, "Go");
        await _harness.RunUntilIdleAsync();

        var failed = _harness.GetInstance(id)!;
        failed.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        failed.FailureDetails!.ErrorMessage.Should().Contain("history records CallActivity 'SayHello'").And.Contain("now calls CallActivity 'Square'");
    }

    [Fact]
    public async Task Sub_orchestrations_and_continue_as_new_behave_as_in_the_engine()
    {
        var parent = _harness.Start("ParentOfChild");
        var counter = _harness.Start("EventLoopWithContinueAsNew", 0);
        foreach (var amount in new[] { 5, 7, 11, 0 })
        {
            _harness.RaiseEvent(counter, "Deposit", amount);
        }

        (await _harness.RunToCompletionAsync(parent)).ReadOutputAs<string>().Should().StartWith("Hello Kuwait! | child failed:");
        (await _harness.RunToCompletionAsync(counter)).ReadOutputAs<int>().Should().Be(23);
    }

    [Fact]
    public async Task Waiting_on_an_event_that_never_comes_is_reported_instead_of_hanging()
    {
        var id = _harness.Start("WaitsForever");

        var run = () => _harness.RunToCompletionAsync(id);

        (await run.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("external event");
    }
}
