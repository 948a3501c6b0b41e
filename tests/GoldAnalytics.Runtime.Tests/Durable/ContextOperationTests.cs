using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Runtime.Durable.History;
using static GoldAnalytics.Runtime.Tests.Durable.ContextOrchestrations;

namespace GoldAnalytics.Runtime.Tests.Durable;

public sealed class ContextOperationTests : DurableTestHost
{
    [Fact]
    public async Task A_retried_activity_succeeds_after_transient_failures_with_growing_waits()
    {
        var key = Guid.NewGuid().ToString();

        var result = await RunAsync("RetriesFlaky", new RetryInput(key, Failures: 3, MaxAttempts: 5));

        result.ReadOutputAs<string>().Should().Be("ok after 4");
        var times = Attempts[key].ToArray();
        var waits = times.Zip(times.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToArray();
        waits[0].Should().BeGreaterThanOrEqualTo(190, "the first retry waits the first interval (200 ms)");
        waits[1].Should().BeGreaterThanOrEqualTo(390, "the second waits twice as long");
        waits[2].Should().BeGreaterThanOrEqualTo(490, "the third is capped at the max interval (500 ms)").And.BeLessThan(2000);
        var history = await Client.GetHistoryAsync(result.InstanceId, pageSize: 1000);
        history.Events.OfType<TimerCreated>().Should().HaveCount(3, "waits between attempts are durable timers");
    }

    [Fact]
    public async Task Retries_stop_after_the_maximum_attempts()
    {
        var key = Guid.NewGuid().ToString();

        var result = await RunAsync("RetriesFlaky", new RetryInput(key, Failures: 10, MaxAttempts: 3));

        result.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        result.FailureDetails!.ErrorMessage.Should().Contain("attempt 3 timed out");
        Attempts[key].Should().HaveCount(3);
    }

    [Fact]
    public async Task Failures_the_handle_predicate_rejects_are_not_retried()
    {
        var key = Guid.NewGuid().ToString();

        var result = await RunAsync("RetriesFlaky", new RetryInput(key, Failures: 10, MaxAttempts: 5, ErrorKind: "permanent"));

        result.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        Attempts[key].Should().HaveCount(1);
    }

    [Fact]
    public async Task Retries_stop_when_the_next_attempt_would_start_after_the_retry_timeout()
    {
        var key = Guid.NewGuid().ToString();

        var result = await RunAsync("RetriesFlaky", new RetryInput(key, Failures: 10, MaxAttempts: 10, RetryTimeoutSeconds: 1.5));

        result.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        // Waits are 0.2, 0.4, 0.5, 0.5 … s, so at most attempts at 0, 0.2, 0.6 and 1.1 s fit in 1.5 s (fewer on a slow machine).
        var attempts = Attempts[key].ToArray();
        attempts.Length.Should().BeInRange(2, 4, "the retry timeout stops retries long before the 10 attempts allowed");
        (attempts[^1] - attempts[0]).Should().BeLessThan(TimeSpan.FromSeconds(2.5));
    }

    [Fact]
    public async Task A_durable_timer_fires_after_its_delay_and_within_a_second()
    {
        var started = DateTime.UtcNow;

        var result = await RunAsync("Sleeper", 1200);

        var elapsed = (DateTime.UtcNow - started).TotalMilliseconds;
        result.ReadOutputAs<double>().Should().BeGreaterThanOrEqualTo(1200);
        elapsed.Should().BeGreaterThanOrEqualTo(1200).And.BeLessThan(2200);
    }

    [Fact]
    public async Task An_event_that_arrives_in_time_is_received()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("AwaitsApproval", 10_000);
        await StatusAsync(id, OrchestrationRuntimeStatus.Running);

        await Client.RaiseEventAsync(id, "approval", "the manager");

        (await CompletionAsync(id)).ReadOutputAs<string>().Should().Be("approved by the manager");
    }

    [Fact]
    public async Task Waiting_for_an_event_times_out_into_the_escalation_path()
    {
        var result = await RunAsync("AwaitsApproval", 300);

        result.ReadOutputAs<string>().Should().Be("escalated");
    }

    [Fact]
    public async Task An_event_that_wins_the_race_against_a_timer_cancels_it()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("TimerRacesEvent", 30_000);
        await StatusAsync(id, OrchestrationRuntimeStatus.Running);

        await Client.RaiseEventAsync(id, "PaymentReceived", 1250.50m);

        (await CompletionAsync(id, timeoutSeconds: 10)).ReadOutputAs<string>().Should().Be("paid 1250.50");
    }

    [Fact]
    public async Task A_timer_that_wins_the_race_against_an_event_ends_the_wait()
    {
        var result = await RunAsync("TimerRacesEvent", 200);

        result.ReadOutputAs<string>().Should().Be("reminder sent");
    }

    [Fact]
    public async Task Events_raised_before_the_wait_are_buffered_in_order_and_names_ignore_case()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("CollectsThreeEvents");
        await Client.RaiseEventAsync(id, "Scan", "ring");
        await Client.RaiseEventAsync(id, "scan", "bangle");
        await Client.RaiseEventAsync(id, "SCAN", "chain");

        (await CompletionAsync(id)).ReadOutputAs<string>().Should().Be("ring,bangle,chain");
    }

    [Fact]
    public async Task A_sub_orchestration_returns_its_output_and_its_failure_reaches_the_parent()
    {
        var result = await RunAsync("ParentOfChild");

        result.ReadOutputAs<string>().Should().StartWith("Hello Kuwait! | child failed: Task 'Fail'").And.Contain("melt batch rejected");
    }

    [Fact]
    public async Task An_unhandled_sub_orchestration_failure_fails_the_parent()
    {
        var result = await RunAsync("ParentRethrows", instanceId: $"parent-{Guid.NewGuid():N}");

        result.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        result.FailureDetails!.ErrorMessage.Should().Contain("ThrowsOrchestrator");
        var child = await Client.GetInstanceAsync($"{result.InstanceId}-child");
        child!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        child.ParentInstanceId.Should().Be(result.InstanceId);
    }

    [Fact]
    public async Task Continue_as_new_restarts_with_the_new_input_and_truncates_history()
    {
        var result = await RunAsync("CountsWithContinueAsNew", new Counter(1, 5));

        result.ReadOutputAs<int>().Should().Be(5);
        var history = await Client.GetHistoryAsync(result.InstanceId, pageSize: 1000);
        history.Events.OfType<ExecutionStarted>().Should().ContainSingle().Which.Input.Should().Contain("\"value\":5");
        history.Events.OfType<TaskScheduled>().Should().ContainSingle("earlier executions' history is gone");
    }

    [Fact]
    public async Task Events_sent_across_continue_as_new_are_all_received()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("EventLoopWithContinueAsNew", 0);
        foreach (var amount in new[] { 5, 7, 11, 0 })
        {
            await Client.RaiseEventAsync(id, "Deposit", amount);
        }

        (await CompletionAsync(id)).ReadOutputAs<int>().Should().Be(23);
    }

    [Fact]
    public async Task Custom_status_is_visible_to_clients_and_oversized_status_is_refused()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("ReportsProgress");
        var waiting = await StatusAsync(id, OrchestrationRuntimeStatus.Running);
        for (var i = 0; i < 50 && waiting.SerializedCustomStatus is null; i++)
        {
            await Task.Delay(20);
            waiting = (await Client.GetInstanceAsync(id))!;
        }

        waiting.SerializedCustomStatus.Should().Be("{\"stage\":\"waiting\",\"karat\":22}");
        await Client.RaiseEventAsync(id, "Go");
        var done = await CompletionAsync(id);
        done.ReadOutputAs<string>().Should().Contain("the limit is 16384");
        done.SerializedCustomStatus.Should().Be("{\"stage\":\"done\"}");
    }

    [Fact]
    public async Task New_guids_are_deterministic_and_logging_is_not_repeated_on_replay()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("DeterministicValues");
        await StatusAsync(id, OrchestrationRuntimeStatus.Running);
        await Task.Delay(300);

        await Client.RaiseEventAsync(id, "Continue");

        var values = (await CompletionAsync(id)).ReadOutputAs<List<string>>()!;
        values.Take(3).Should().OnlyHaveUniqueItems();
        values[3].Should().Be("False");
        RecordingLoggerProvider.Lines.Where(l => l.StartsWith(id, StringComparison.Ordinal)).Select(l => l[(id.Length + 1)..]).Should().Equal("one", "two", "three");
    }
}
