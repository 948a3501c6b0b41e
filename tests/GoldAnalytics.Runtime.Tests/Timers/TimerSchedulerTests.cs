using Dapper;
using GoldAnalytics.Runtime.TestHost;
using GoldAnalytics.Runtime.Timers;
using Npgsql;

namespace GoldAnalytics.Runtime.Tests.Timers;

public sealed class TimerSchedulerTests : IAsyncLifetime
{
    private readonly RuntimeDatabase _database = new();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await TimerRuns.CreateTableAsync(_database.ConnectionString);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Each_slot_fires_once_across_two_hosts_sharing_the_database()
    {
        using var first = TimerTestFunctions.Host(_database.ConnectionString, "a", "QuickEverySecond");
        using var second = TimerTestFunctions.Host(_database.ConnectionString, "b", "QuickEverySecond");

        await Task.WhenAll(first.StartAsync(default), second.StartAsync(default));
        await Task.Delay(TimeSpan.FromSeconds(5.5));
        await Task.WhenAll(first.StopAsync(default), second.StopAsync(default));

        var runs = await TimerRuns.ReadAsync(_database.ConnectionString);
        runs.Should().HaveCountGreaterThanOrEqualTo(4);
        runs.GroupBy(r => r.Slot).Should().OnlyContain(slot => slot.Count() == 1, "each slot is claimed by one host only");
        var slots = runs.Select(r => r.Slot!.Value).Order().ToList();
        slots.Zip(slots.Skip(1), (a, b) => b - a).Should().OnlyContain(gap => gap == TimeSpan.FromSeconds(1), "no slot is skipped while hosts are up");
        runs.Should().OnlyContain(r => !r.IsPastDue);
    }

    [Fact]
    public async Task A_slot_missed_while_every_host_was_down_fires_once_at_start_and_is_past_due()
    {
        var now = DateTimeOffset.UtcNow;
        var lastHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        await SetLastSlotAsync("Hourly", "0 0 * * * *", lastHour.AddHours(-3));
        using var host = TimerTestFunctions.Host(_database.ConnectionString, "a", "Hourly");
        using var other = TimerTestFunctions.Host(_database.ConnectionString, "b", "Hourly");

        await Task.WhenAll(host.StartAsync(default), other.StartAsync(default));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await Task.WhenAll(host.StopAsync(default), other.StopAsync(default));

        var run = (await TimerRuns.ReadAsync(_database.ConnectionString)).Should().ContainSingle("three missed slots fire as one run").Subject;
        run.IsPastDue.Should().BeTrue();
        run.Slot.Should().Be(lastHour);
    }

    [Fact]
    public async Task Slots_missed_between_a_stop_and_a_restart_fire_once_as_past_due_then_the_schedule_resumes()
    {
        using (var before = TimerTestFunctions.Host(_database.ConnectionString, "before", "QuickEverySecond"))
        {
            await before.StartAsync(default);
            await Task.Delay(TimeSpan.FromSeconds(2.2));
            await before.StopAsync(default);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        using var after = TimerTestFunctions.Host(_database.ConnectionString, "after", "QuickEverySecond");
        await after.StartAsync(default);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await after.StopAsync(default);

        var runs = (await TimerRuns.ReadAsync(_database.ConnectionString)).Where(r => r.Host == "after").ToList();
        runs.Should().HaveCountGreaterThanOrEqualTo(3);
        runs[0].IsPastDue.Should().BeTrue("the first run after the restart stands for the slots missed while down");
        runs.Skip(1).Should().OnlyContain(r => !r.IsPastDue);
        (runs[1].Slot - runs[0].Slot).Should().Be(TimeSpan.FromSeconds(1), "the past-due run took the latest missed slot, not the oldest");
    }

    [Fact]
    public async Task Without_the_monitor_slots_missed_while_down_are_dropped()
    {
        await SetLastSlotAsync("HourlyWithoutMonitor", "0 0 * * * *", DateTimeOffset.UtcNow.AddHours(-3));
        using var host = TimerTestFunctions.Host(_database.ConnectionString, "a", "HourlyWithoutMonitor");

        await host.StartAsync(default);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await host.StopAsync(default);

        (await TimerRuns.ReadAsync(_database.ConnectionString)).Should().BeEmpty();
        (await StatusAsync("HourlyWithoutMonitor")).Last.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_run_never_overlaps_the_previous_run_of_the_same_function_on_any_host()
    {
        using var first = TimerTestFunctions.Host(_database.ConnectionString, "a", "SlowEverySecond");
        using var second = TimerTestFunctions.Host(_database.ConnectionString, "b", "SlowEverySecond");

        await Task.WhenAll(first.StartAsync(default), second.StartAsync(default));
        await Task.Delay(TimeSpan.FromSeconds(7.5));
        await Task.WhenAll(first.StopAsync(default), second.StopAsync(default));

        var runs = (await TimerRuns.ReadAsync(_database.ConnectionString)).OrderBy(r => r.StartedAt).ToList();
        runs.Should().HaveCountGreaterThanOrEqualTo(2);
        runs.Zip(runs.Skip(1)).Should().OnlyContain(pair => pair.Second.StartedAt >= pair.First.FinishedAt, "a run starts only after the previous one finished");
        runs.Skip(1).Should().OnlyContain(r => r.IsPastDue, "slots that came during a 2.3 s run are fired once, late, after it");
    }

    [Fact]
    public async Task Run_on_startup_runs_once_when_the_host_starts()
    {
        using var host = TimerTestFunctions.Host(_database.ConnectionString, "a", "YearlyRunOnStartup");

        await host.StartAsync(default);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await host.StopAsync(default);

        var run = (await TimerRuns.ReadAsync(_database.ConnectionString)).Should().ContainSingle().Subject;
        run.IsPastDue.Should().BeFalse();
        run.Slot.Should().Be(new DateTimeOffset(DateTimeOffset.UtcNow.Year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero), "the status shows the next yearly slot");
    }

    [Fact]
    public async Task The_schedule_status_shows_the_last_and_next_slot_duration_and_last_error()
    {
        using var host = TimerTestFunctions.Host(_database.ConnectionString, "a", "QuickEverySecond", "FailingEverySecond");

        await host.StartAsync(default);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await host.StopAsync(default);

        var quick = await StatusAsync("QuickEverySecond");
        var failing = await StatusAsync("FailingEverySecond");
        quick.Schedule.Should().Be("* * * * * *");
        quick.Last.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(3));
        quick.Next.Should().Be(quick.Last!.Value.AddSeconds(1));
        quick.LastDuration.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(50));
        quick.LastError.Should().BeNull();
        quick.IsRunning.Should().BeFalse();
        failing.LastError.Should().Be("InvalidOperationException: Gold rate feed returned no rates");
    }

    private async Task<TimerScheduleStatus> StatusAsync(string function) =>
        (await new PostgresTimerSchedules(_database.ConnectionString).GetStatusAsync()).Single(s => s.FunctionName == function);

    private async Task SetLastSlotAsync(string function, string schedule, DateTimeOffset lastSlot)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.ExecuteAsync(
            "INSERT INTO runtime.timer_schedules (function_name, schedule, last_slot) VALUES (@function, @schedule, @lastSlot)",
            new { function, schedule, lastSlot });
    }
}
