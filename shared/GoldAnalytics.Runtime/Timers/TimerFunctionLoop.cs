using GoldAnalytics.Runtime.Backoff;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Leases;
using GoldAnalytics.Runtime.Postgres;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Runtime.Timers;

/// <summary>
/// One timer function on one host: sleeps until the next slot, races the other hosts to claim it, and runs it
/// when this host won. A slot that comes while the previous run still holds the lease waits for that run to
/// end; all slots missed meanwhile (or while every host was down) fire as one past-due run.
/// </summary>
internal sealed class TimerFunctionLoop(
    FunctionDescriptor function,
    TimerTriggerAttribute trigger,
    TimerSchedule schedule,
    TimerSlots slots,
    IFunctionDispatcher dispatcher,
    TimerOptions options,
    TimeProvider clock,
    ILogger logger)
{
    private string Name => function.Name;

    public async Task RunAsync(CancellationToken stop)
    {
        await WithRetriesAsync(ct => slots.RegisterAsync(Name, schedule.Expression, clock.GetUtcNow(), dropMissedSlots: !trigger.UseMonitor, ct), stop);
        if (trigger.RunOnStartup)
        {
            await WithRetriesAsync(RunOnStartupAsync, stop);
        }

        while (!stop.IsCancellationRequested)
        {
            await WithRetriesAsync(TickAsync, stop);
        }
    }

    private async Task TickAsync(CancellationToken stop)
    {
        var row = await slots.ReadAsync(Name, stop);
        var now = clock.GetUtcNow();
        var next = schedule.NextAfter(row.LastSlot?.AsUtc() ?? now);
        if (next > now)
        {
            await SleepAsync(Min(next - now, options.MaxSleep), stop);
            return;
        }

        var due = schedule.LatestAtOrBefore(now, next);
        var claim = await slots.ClaimSlotAsync(Name, due, schedule.NextAfter(due), options.LeaseDuration, stop);
        if (claim is null)
        {
            // Another host won the slot (the next read shows it), or the previous run is still going: look again soon.
            if (row.Busy)
            {
                await SleepAsync(options.BusyCheckInterval, stop);
            }

            return;
        }

        var isPastDue = due > next || now - due > options.PastDueAfter;
        var status = trigger.UseMonitor ? new ScheduleStatus(claim.PreviousSlot, due, row.UpdatedAt.AsUtc()) : null;
        await InvokeAsync(claim, new TimerInfo(status, isPastDue), stop);
    }

    private async Task RunOnStartupAsync(CancellationToken stop)
    {
        TimerClaim? claim;
        while ((claim = await slots.ClaimStartupRunAsync(Name, options.LeaseDuration, stop)) is null)
        {
            await SleepAsync(options.BusyCheckInterval, stop);
        }

        var now = clock.GetUtcNow();
        var status = trigger.UseMonitor ? new ScheduleStatus(claim.PreviousSlot, schedule.NextAfter(claim.PreviousSlot ?? now), claim.UpdatedAt) : null;
        await InvokeAsync(claim, new TimerInfo(status, IsPastDue: false), stop);
    }

    private async Task InvokeAsync(TimerClaim claim, TimerInfo info, CancellationToken stop)
    {
        var started = clock.GetTimestamp();
        string? error = null;
        try
        {
            await using var heartbeat = LeaseHeartbeat.Start(
                ct => slots.RenewAsync(Name, claim.Token, options.LeaseDuration, ct), options.LeaseDuration / 3, logger, $"timer {Name}");
            logger.LogInformation("Running timer function {Function} (slot {Slot:o}, past due: {IsPastDue})", Name, info.ScheduleStatus?.Next, info.IsPastDue);
            await dispatcher.DispatchAsync(new FunctionInvocation(Name, info, new Dictionary<string, object?>()), stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            error = "Cancelled: the host stopped during the run.";
            throw;
        }
        catch (Exception e)
        {
            // A failing run must not stop the schedule; the error is kept for the operations page.
            error = $"{e.GetType().Name}: {e.Message}";
            logger.LogError(e, "Timer function {Function} failed", Name);
        }
        finally
        {
            await slots.CompleteAsync(Name, claim.Token, clock.GetElapsedTime(started), error, CancellationToken.None);
        }
    }

    // Database outages (and any other failure around the run) are waited out with a growing pause;
    // the schedule carries on when it is back rather than stopping the host.
    private async Task WithRetriesAsync(Func<CancellationToken, Task> step, CancellationToken stop)
    {
        for (var failures = 0; !stop.IsCancellationRequested; failures++)
        {
            try
            {
                await step(stop);
                return;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                var pause = Pause.AfterFailures(failures, TimeSpan.FromSeconds(30));
                var outage = e is Npgsql.NpgsqlException or TimeoutException or System.Net.Sockets.SocketException;
                logger.Log(outage ? LogLevel.Warning : LogLevel.Error, e,
                    "Timer {Function} {Problem}; trying again in {Pause}", Name, outage ? "cannot reach the database" : "failed outside its run", pause);
                await SleepAsync(pause, stop);
            }
        }
    }

    // A few milliseconds past the slot so the clock reads at or after it on waking.
    private Task SleepAsync(TimeSpan delay, CancellationToken stop) =>
        Pause.ForAsync(delay + TimeSpan.FromMilliseconds(3), clock, stop);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
