namespace GoldAnalytics.Runtime.Timers;

/// <summary>Settings of the timer triggers, shared by every timer function of the host.</summary>
public sealed record TimerOptions
{
    /// <summary>Time zone the schedules are read in (IANA or Windows id); UTC by default.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>How long a run's lease lasts without renewal; a crashed host's run is taken over after this.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a host that lost the race re-checks a slot held by a run still going on another host.</summary>
    public TimeSpan BusyCheckInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A slot fired later than this after its time is past due, even when no other slot was missed.</summary>
    public TimeSpan PastDueAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest a host sleeps before looking at a schedule again (it normally wakes at the next slot).</summary>
    public TimeSpan MaxSleep { get; init; } = TimeSpan.FromSeconds(30);

    internal TimeZoneInfo Zone =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone)
            ? zone
            : throw new InvalidOperationException($"Timer time zone '{TimeZone}' is not a known time zone; use an IANA id such as 'Europe/London' or 'UTC'.");
}
