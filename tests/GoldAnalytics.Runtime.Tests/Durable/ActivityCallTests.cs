using GoldAnalytics.Runtime.Durable;

namespace GoldAnalytics.Runtime.Tests.Durable;

public sealed class ActivityCallTests : DurableTestHost
{
    [Fact]
    public async Task Activities_called_in_sequence_return_their_results_in_order()
    {
        var result = await RunAsync("HelloCities", new List<string> { "Dubai", "Jaipur" });

        result.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        result.ReadOutputAs<List<string>>().Should().Equal("Hello Dubai!", "Hello Jaipur!");
    }

    [Fact]
    public async Task Fan_out_fan_in_gathers_every_activity_result()
    {
        var result = await RunAsync("FanOutFanIn", 200);

        result.ReadOutputAs<int>().Should().Be(Enumerable.Range(1, 200).Sum(i => i * i));
    }

    [Fact]
    public async Task An_activity_failure_is_thrown_in_the_orchestrator_with_its_details()
    {
        var result = await RunAsync("CallsFailingActivity");

        result.ReadOutputAs<string>().Should().Be("caught: karat scale offline");
    }

    [Fact]
    public async Task An_unhandled_activity_failure_fails_the_orchestration_with_the_cause()
    {
        var result = await RunAsync("ThrowsOrchestrator");

        result.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        result.FailureDetails!.ErrorType.Should().Be(typeof(TaskFailedException).FullName);
        result.FailureDetails.ErrorMessage.Should().Contain("melt batch rejected");
    }

    [Fact]
    public async Task History_records_each_scheduled_activity_once_with_its_completion()
    {
        var result = await RunAsync("HelloCities", new List<string> { "Doha", "Cairo", "Riyadh" });

        var page = await Client.GetHistoryAsync(result.InstanceId, pageSize: 1000);
        page.Events.OfType<GoldAnalytics.Runtime.Durable.History.TaskScheduled>().Select(e => e.TaskId).Should().Equal(0, 1, 2);
        page.Events.OfType<GoldAnalytics.Runtime.Durable.History.TaskCompleted>().Select(e => e.TaskId).Should().Equal(0, 1, 2);
        page.Events[^1].Should().BeOfType<GoldAnalytics.Runtime.Durable.History.ExecutionCompleted>();
    }
}
