namespace GoldAnalytics.Runtime.Timers;

/// <summary>The value a timer function receives: whether this run is late and the schedule's recorded status.</summary>
/// <param name="ScheduleStatus">As recorded before this run (as in Azure Functions): Last is the previous slot, Next the slot now firing; null when the function does not use the monitor.</param>
/// <param name="IsPastDue">True when the run is later than its slot: slots were missed (hosts down, or the previous run overran) and are fired once.</param>
public sealed record TimerInfo(ScheduleStatus? ScheduleStatus, bool IsPastDue);

/// <summary>A schedule's recorded status.</summary>
/// <param name="Last">The slot fired before, or null if none was.</param>
/// <param name="Next">The slot being fired, or due next.</param>
/// <param name="LastUpdated">When this status was recorded.</param>
public sealed record ScheduleStatus(DateTimeOffset? Last, DateTimeOffset Next, DateTimeOffset LastUpdated);
