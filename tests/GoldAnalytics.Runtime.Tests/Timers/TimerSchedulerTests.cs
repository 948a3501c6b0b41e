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
        await TimerRuns.WaitUntilAsync(_database.ConnectionString, runs => runs.Count >= 5, TimeSpan.FromSeconds(30));
        await Task.WhenAll(first.StopAsync(default), second.StopAsync(default));

        var runs = await TimerRuns.ReadAsync(_database.ConnectionString);
        runs.Should().HaveCountGreaterThanOrEqualTo(5);
        TimerRuns.SlotProblems(runs, TimeSpan.FromSeconds(1)).Should().BeNull();
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
        await TimerRuns.WaitUntilAsync(_database.ConnectionString, runs => runs.Count >= 1, TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
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
            await TimerRuns.WaitUntilAsync(_database.ConnectionString, runs => runs.Count >= 2, TimeSpan.FromSeconds(20));
            await before.StopAsync(default);
        }

        var stoppedAt = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(3));
        using var after = TimerTestFunctions.Host(_database.ConnectionString, "after", "QuickEverySecond");
        await after.StartAsync(default);
        await TimerRuns.WaitUntilAsync(_database.ConnectionString, runs => runs.Count(r => r.Host == "after") >= 3, TimeSpan.FromSeconds(20));
        await after.StopAsync(default);

        var all = await TimerRuns.ReadAsync(_database.ConnectionString);
        var lastBefore = all.Where(r => r.Host == "before").Max(r => r.Slot);
        var afterRuns = all.Where(r => r.Host == "after").OrderBy(r => r.Slot).ToList();
        afterRuns[0].IsPastDue.Should().BeTrue("the first run after the restart stands for the slots missed while down");
        afterRuns[0].Slot.Should().BeAfter(stoppedAt.AddSeconds(1.5), "the missed slots fire once, as the latest of them, not once each from the oldest");
        (afterRuns[0].Slot - lastBefore).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2), "slots were missed while down");
        afterRuns.Skip(1).Should().NotBeEmpty("the schedule carries on after the catch-up");
        TimerRuns.SlotProblems(all, TimeSpan.FromSeconds(1)).Should().BeNull();
    }

    [Fact]
    public async Task Without_the_monitor_slots_missed_while_down_are_dropped()
    {
        await SetLastSlotAsync("HourlyWithoutMonitor", "0 0 * * * *", DateTimeOffset.UtcNow.AddHours(-3));
        using var host = TimerTestFunctions.Host(_database.ConnectionString, "a", "HourlyWithoutMonitor");

        await host.StartAsync(default);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await StatusAsync("HourlyWithoutMonitor")).Last < DateTimeOffset.UtcNow.AddHours(-1) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        await host.StopAsync(default);

        (await StatusAsync("HourlyWithoutMonitor")).Last.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(20), "start-up moved the schedule past the missed slots");
        (await TimerRuns.ReadAsync(_database.ConnectionString)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_run_never_overlaps_the_previous_run_of_the_same_function_on_any_host()
    {
        using var first = TimerTestFunctions.Host(_database.ConnectionString, "a", "SlowEverySecond");
        using var second = TimerTestFunctions.Host(_database.ConnectionString, "b", "SlowEverySecond");

        await Task.WhenAll(first.StartAsync(default), second.StartAsync(default));
        await TimerRuns.WaitUntilAsync(_database.ConnectionString, runs => runs.Count >= 3, TimeSpan.FromSeconds(30));
        await Task.WhenAll(first.StopAsync(default), second.StopAsync(default));

        var runs = (await TimerRuns.ReadAsync(_database.ConnectionString)).OrderBy(r => r.StartedAt).ToList();
        runs.Should().HaveCountGreaterThanOrEqualTo(3);
        runs.Zip(runs.Skip(1)).Should().OnlyContain(pair => pair.Second.StartedAt >= pair.First.FinishedAt, "a run starts only after the previous one finished");
        runs.Skip(1).Should().OnlyContain(r => r.IsPastDue, "slots that came during a 2.3 s run are fired once, late, after it");
        TimerRuns.SlotProblems(runs, TimeSpan.FromSeconds(1)).Should().BeNull();
    }

    [Fact]
    public async Task Run_on_startup_runs_once_when_the_host_starts()
    {
        using var host = TimerTestFunctions.Host(_database.ConnectionString, "a", "YearlyRunOnStartup");

        await host.StartAsync(default);
        await TimerRuns.WaitUntilAsync(_database.ConnectionString, runs => runs.Count >= 1, TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(1));
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
        await TimerRuns.WaitUntilAsync(_database.ConnectionString, runs => runs.Count >= 2, TimeSpan.FromSeconds(20));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await StatusAsync("FailingEverySecond")).LastError is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await host.StopAsync(default);

        var quick = await StatusAsync("QuickEverySecond");
        var failing = await StatusAsync("FailingEverySecond");
        quick.Schedule.Should().Be("* * * * * *");
        quick.Last.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(10));
        quick.Next.Should().Be(quick.Last!.Value.AddSeconds(1));
        quick.LastDuration.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(50));
        quick.LastError.Should().BeNull();
        quick.IsRunning.Should().BeFalse();
        failing.LastError.Should().Be("InvalidOperationException: Gold rate feed returned no rates");
    }

    [Fact]
    public async Task A_timer_no_host_has_fired_yet_shows_its_first_slot_in_the_schedules_time_zone_as_next()
    {
        var registered = new DateTimeOffset(2026, 11, 20, 21, 15, 0, TimeSpan.Zero);
        await SetLastSlotAsync("NightlyInDubai", "0 30 2 * * *", registered);

        var dubai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Dubai");
        var status = (await new PostgresTimerSchedules(_database.ConnectionString, dubai).GetStatusAsync()).Single(s => s.FunctionName == "NightlyInDubai");

        // 21:15 UTC is 01:15 in Dubai on the 21st; the first 02:30 after it is 22:30 UTC on the 20th.
        status.Next.Should().Be(new DateTimeOffset(2026, 11, 20, 22, 30, 0, TimeSpan.Zero));
        status.LastStartedAt.Should().BeNull("registering a timer is not a run");
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
