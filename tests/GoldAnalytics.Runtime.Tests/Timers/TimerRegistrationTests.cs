using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.TestHost;
using GoldAnalytics.Runtime.Timers;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoldAnalytics.Runtime.Tests.Timers;

/// <summary>A timer function whose schedule cannot be read; kept apart so start-up checks have something to refuse.</summary>
public static class MisscheduledFunctions
{
    [Function("DailyGoldRate")]
    public static void DailyGoldRate([TimerTrigger("every day at nine")] TimerInfo timer) => _ = timer;
}

public sealed class TimerRegistrationTests
{
    [Fact]
    public void A_schedule_that_is_not_ncrontab_stops_start_up_naming_the_function()
    {
        var daily = FunctionCatalogue.Discover(typeof(MisscheduledFunctions).Assembly).Find("DailyGoldRate")!;

        var act = () => new TimerScheduler([daily], new CatalogueDispatcher([daily], _ => new object()), "Host=127.0.0.1", new TimerOptions(), NullLogger<TimerScheduler>.Instance);

        act.Should().Throw<InvalidOperationException>().WithMessage("Timer function 'DailyGoldRate': 'every day at nine' is not an NCRONTAB schedule*");
    }

    [Fact]
    public void An_unknown_time_zone_stops_start_up_naming_it()
    {
        var daily = FunctionCatalogue.Discover(typeof(TimerTestFunctions).Assembly).Find("Hourly")!;

        var act = () => new TimerScheduler([daily], new CatalogueDispatcher([daily], _ => new object()), "Host=127.0.0.1", new TimerOptions { TimeZone = "Mars/Olympus" }, NullLogger<TimerScheduler>.Instance);

        act.Should().Throw<InvalidOperationException>().WithMessage("Timer time zone 'Mars/Olympus' is not a known time zone*");
    }
}
