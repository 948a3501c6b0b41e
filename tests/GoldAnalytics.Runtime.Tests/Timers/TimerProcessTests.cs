using GoldAnalytics.Runtime.TestHost;
using Xunit.Abstractions;

namespace GoldAnalytics.Runtime.Tests.Timers;

public sealed class TimerProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly RuntimeDatabase _database = new();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await TimerRuns.CreateTableAsync(_database.ConnectionString);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Each_slot_fires_once_across_two_real_host_processes()
    {
        var environment = new Dictionary<string, string> { ["GA_TESTHOST_PG"] = _database.ConnectionString };
        using var first = TestHostProcess.Start("timers", "process-a", TimeSpan.FromSeconds(120), environment);
        using var second = TestHostProcess.Start("timers", "process-b", TimeSpan.FromSeconds(120), environment);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(first.Output.Contains("process-a started", StringComparison.Ordinal) && second.Output.Contains("process-b started", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var bothUp = DateTimeOffset.UtcNow;
        await TimerRuns.WaitUntilAsync(_database.ConnectionString, runs => runs.Count(r => r.Slot > bothUp) >= 5, TimeSpan.FromSeconds(60));
        await Task.WhenAll(first.RequestStopAsync(), second.RequestStopAsync());
        var exitCodes = await Task.WhenAll(first.WaitForExitAsync(TimeSpan.FromSeconds(60)), second.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        exitCodes.Should().Equal([0, 0], $"both hosts run and stop cleanly:\n{first.Output}\n{second.Output}");
        first.Output.Should().Contain("process-a started");
        second.Output.Should().Contain("process-b started");
        var runs = await TimerRuns.ReadAsync(_database.ConnectionString);
        output.WriteLine(string.Join(", ", runs.GroupBy(r => r.Host).Select(h => $"{h.Key}: {h.Count()} slots")));
        runs.Count(r => r.Slot > bothUp).Should().BeGreaterThanOrEqualTo(5, "both hosts ran side by side for five slots at least");
        TimerRuns.SlotProblems(runs, TimeSpan.FromSeconds(1)).Should().BeNull("each slot is claimed by one process only");
    }
}
