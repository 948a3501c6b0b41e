using NCrontab;

namespace GoldAnalytics.Runtime.Timers;

/// <summary>An NCRONTAB schedule with seconds, read in a time zone, answering in UTC.</summary>
public sealed class TimerSchedule
{
    private static readonly TimeSpan[] CatchUpWindows = [TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(32)];
    private readonly CrontabSchedule _cron;
    private readonly TimeZoneInfo _zone;

    private TimerSchedule(string expression, CrontabSchedule cron, TimeZoneInfo zone)
    {
        Expression = expression;
        _cron = cron;
        _zone = zone;
    }

    /// <summary>The NCRONTAB expression.</summary>
    public string Expression { get; }

    /// <summary>Parses a six-field expression; fails with a message naming the expression.</summary>
    public static TimerSchedule Parse(string expression, TimeZoneInfo zone)
    {
        var cron = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
                   ?? throw new FormatException($"'{expression}' is not an NCRONTAB schedule with six fields (second minute hour day month day-of-week).");
        return new TimerSchedule(expression, cron, zone);
    }

    /// <summary>The first slot strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset after)
    {
        var local = TimeZoneInfo.ConvertTime(after, _zone).DateTime;
        while (true)
        {
            local = _cron.GetNextOccurrence(local);
            // A local time skipped by a daylight-saving jump never happens; one repeated by the fall-back happens once.
            if (_zone.IsInvalidTime(local))
            {
                continue;
            }

            var utc = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, _zone), TimeSpan.Zero);
            if (utc > after)
            {
                return utc;
            }
        }
    }

    /// <summary>The latest slot at or before <paramref name="now"/>, given that <paramref name="first"/> (a slot) is at or before it.</summary>
    public DateTimeOffset LatestAtOrBefore(DateTimeOffset now, DateTimeOffset first)
    {
        var slot = first;
        // Jump close to now first, so a frequent schedule missed for days is not walked slot by slot.
        foreach (var window in CatchUpWindows)
        {
            if (now - window <= slot)
            {
                break;
            }

            var candidate = NextAfter(now - window);
            if (candidate <= now)
            {
                slot = candidate;
                break;
            }
        }

        for (var next = NextAfter(slot); next <= now; next = NextAfter(next))
        {
            slot = next;
        }

        return slot;
    }
}
