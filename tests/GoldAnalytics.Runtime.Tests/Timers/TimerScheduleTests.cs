using GoldAnalytics.Runtime.Timers;

namespace GoldAnalytics.Runtime.Tests.Timers;

public sealed class TimerScheduleTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [Fact]
    public void The_next_slot_is_strictly_after_the_given_time()
    {
        var schedule = TimerSchedule.Parse("0 */5 * * * *", TimeZoneInfo.Utc);

        schedule.NextAfter(At("2026-03-02T10:00:00Z")).Should().Be(At("2026-03-02T10:05:00Z"));
        schedule.NextAfter(At("2026-03-02T10:04:59.999Z")).Should().Be(At("2026-03-02T10:05:00Z"));
    }

    [Fact]
    public void A_schedule_in_a_shop_time_zone_follows_summer_time()
    {
        var nineInLondon = TimerSchedule.Parse("0 0 9 * * *", London);

        nineInLondon.NextAfter(At("2026-01-15T00:00:00Z")).Should().Be(At("2026-01-15T09:00:00Z"));
        nineInLondon.NextAfter(At("2026-07-15T00:00:00Z")).Should().Be(At("2026-07-15T08:00:00Z"));
    }

    [Fact]
    public void A_local_time_skipped_by_the_spring_forward_is_not_fired()
    {
        // 01:30 does not exist in London on 29 March 2026: clocks go from 01:00 to 02:00.
        var halfPastOne = TimerSchedule.Parse("0 30 1 * * *", London);

        halfPastOne.NextAfter(At("2026-03-28T12:00:00Z")).Should().Be(At("2026-03-30T00:30:00Z"));
    }

    [Fact]
    public void The_latest_slot_of_a_long_outage_is_found_without_walking_every_slot()
    {
        var everySecond = TimerSchedule.Parse("* * * * * *", TimeZoneInfo.Utc);
        var monthly = TimerSchedule.Parse("0 0 6 1 * *", TimeZoneInfo.Utc);

        everySecond.LatestAtOrBefore(At("2026-03-20T10:00:00.500Z"), At("2026-03-01T00:00:01Z")).Should().Be(At("2026-03-20T10:00:00Z"));
        monthly.LatestAtOrBefore(At("2026-05-20T00:00:00Z"), At("2026-02-01T06:00:00Z")).Should().Be(At("2026-05-01T06:00:00Z"));
    }

    [Theory]
    [InlineData("*/5 * * * *")]
    [InlineData("0 0 25 * * *")]
    [InlineData("every day")]
    public void An_expression_that_is_not_six_field_ncrontab_is_refused_naming_it(string expression)
    {
        var act = () => TimerSchedule.Parse(expression, TimeZoneInfo.Utc);

        act.Should().Throw<FormatException>().WithMessage($"*'{expression}'*");
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
