using GoldAnalytics.Runtime.Durable;

namespace GoldAnalytics.Runtime.Tests.Durable;

public sealed class PoisonInstanceTests : DurableTestHost
{
    [Fact]
    public async Task An_instance_whose_step_can_never_commit_is_failed_and_does_not_block_the_others()
    {
        var poison = await Client.ScheduleNewOrchestrationInstanceAsync("StartsUnstorableChild");
        var others = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            others.Add(await Client.ScheduleNewOrchestrationInstanceAsync("HelloCities", new List<string> { "Nizwa" }));
        }

        foreach (var id in others)
        {
            (await CompletionAsync(id)).RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        }

        var failed = await CompletionAsync(poison);
        failed.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        failed.FailureDetails!.ErrorMessage.Should().Contain("could not commit this instance's step");
    }
}
