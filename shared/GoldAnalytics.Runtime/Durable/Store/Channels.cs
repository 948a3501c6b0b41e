namespace GoldAnalytics.Runtime.Durable.Store;

/// <summary>LISTEN/NOTIFY channels that wake idle hosts and waiting clients.</summary>
internal static class Channels
{
    /// <summary>An instance has a new message (or a timer was scheduled): orchestration workers look for work.</summary>
    public const string Orchestrations = "durable_orchestrations";

    /// <summary>An activity was queued: activity workers look for work.</summary>
    public const string Activities = "durable_activities";

    /// <summary>An instance reached a final state; the payload is its id.</summary>
    public const string Completed = "durable_completed";
}
