using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Timers;

namespace GoldAnalytics.Runtime.TestHost;

/// <summary>The test host's timer function: every second, records its run.</summary>
public sealed class TimerFunctions(TimerRuns runs)
{
    [Function("EverySecond")]
    public Task EverySecondAsync([TimerTrigger("* * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        runs.RecordAsync("EverySecond", timer, TimeSpan.FromMilliseconds(100), cancellationToken);
}
