using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.TestHost;
using GoldAnalytics.Runtime.Timers;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoldAnalytics.Runtime.Tests.Timers;

/// <summary>Timer functions for the tests; each records its runs through <see cref="TimerRuns"/>.</summary>
public sealed class TimerTestFunctions(TimerRuns runs)
{
    [Function("QuickEverySecond")]
    public Task QuickAsync([TimerTrigger("* * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        runs.RecordAsync("QuickEverySecond", timer, TimeSpan.FromMilliseconds(50), cancellationToken);

    [Function("SlowEverySecond")]
    public Task SlowAsync([TimerTrigger("* * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        runs.RecordAsync("SlowEverySecond", timer, TimeSpan.FromMilliseconds(2300), cancellationToken);

    [Function("Hourly")]
    public Task HourlyAsync([TimerTrigger("0 0 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        runs.RecordAsync("Hourly", timer, TimeSpan.Zero, cancellationToken);

    [Function("HourlyWithoutMonitor")]
    public Task HourlyWithoutMonitorAsync([TimerTrigger("0 0 * * * *", UseMonitor = false)] TimerInfo timer, CancellationToken cancellationToken) =>
        runs.RecordAsync("HourlyWithoutMonitor", timer, TimeSpan.Zero, cancellationToken);

    [Function("YearlyRunOnStartup")]
    public Task YearlyAsync([TimerTrigger("0 0 0 1 1 *", RunOnStartup = true)] TimerInfo timer, CancellationToken cancellationToken) =>
        runs.RecordAsync("YearlyRunOnStartup", timer, TimeSpan.Zero, cancellationToken);

    [Function("FailingEverySecond")]
    public Task FailingAsync([TimerTrigger("* * * * * *")] TimerInfo timer) =>
        throw new InvalidOperationException("Gold rate feed returned no rates");

    /// <summary>A scheduler ("host") running only the named functions, recording runs under <paramref name="host"/>.</summary>
    public static TimerScheduler Host(string connectionString, string host, params string[] functions)
    {
        var selected = FunctionCatalogue.Discover(typeof(TimerTestFunctions).Assembly)
            .WithTrigger<TimerTriggerAttribute>()
            .Select(f => f.Function)
            .Where(f => functions.Contains(f.Name))
            .ToList();
        var instance = new TimerTestFunctions(new TimerRuns(connectionString, host));
        var options = new TimerOptions { LeaseDuration = TimeSpan.FromSeconds(6), BusyCheckInterval = TimeSpan.FromMilliseconds(100) };
        return new TimerScheduler(selected, new CatalogueDispatcher(selected, _ => instance), connectionString, options, NullLogger<TimerScheduler>.Instance);
    }
}
