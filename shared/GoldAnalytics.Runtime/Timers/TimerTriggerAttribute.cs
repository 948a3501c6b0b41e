using GoldAnalytics.Runtime.Catalogue;

namespace GoldAnalytics.Runtime.Timers;

/// <summary>Runs the function on an NCRONTAB schedule with six fields (seconds first), e.g. <c>"0 */5 * * * *"</c>.</summary>
public sealed class TimerTriggerAttribute(string schedule) : TriggerAttribute
{
    /// <summary>The NCRONTAB expression: second minute hour day month day-of-week.</summary>
    public string Schedule { get; } = schedule;

    /// <summary>Also run once when this host starts, whatever the schedule.</summary>
    public bool RunOnStartup { get; init; }

    /// <summary>Fire a slot missed while every host was down once at start (past due); when false, missed slots are dropped.</summary>
    public bool UseMonitor { get; init; } = true;

    /// <inheritdoc />
    public override string Kind => "timerTrigger";
}
