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
        using var first = TestHostProcess.Start("timers", "process-a", TimeSpan.FromSeconds(10), environment);
        using var second = TestHostProcess.Start("timers", "process-b", TimeSpan.FromSeconds(10), environment);

        var exitCodes = await Task.WhenAll(first.WaitForExitAsync(TimeSpan.FromSeconds(60)), second.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        exitCodes.Should().Equal([0, 0], $"both hosts run and stop cleanly:\n{first.Output}\n{second.Output}");
        first.Output.Should().Contain("process-a started");
        second.Output.Should().Contain("process-b started");
        var runs = await TimerRuns.ReadAsync(_database.ConnectionString);
        output.WriteLine(string.Join(", ", runs.GroupBy(r => r.Host).Select(h => $"{h.Key}: {h.Count()} slots")));
        runs.Should().HaveCountGreaterThanOrEqualTo(4);
        TimerRuns.SlotProblems(runs, TimeSpan.FromSeconds(1)).Should().BeNull("each slot is claimed by one process only");
    }
}
