using System.Collections.Concurrent;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Durable;

namespace GoldAnalytics.Runtime.Tests.Durable;

/// <summary>Orchestrations for replay, versioning and redelivery tests.</summary>
public static class ReplayOrchestrations
{
    /// <summary>Instances whose orchestrator code "was redeployed" with a different first call.</summary>
    public static ConcurrentDictionary<string, bool> ChangedCode { get; } = new();

    [Function("ChangesItsMind")]
    public static async Task<string> ChangesItsMind([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var first = ChangedCode.ContainsKey(context.InstanceId)
            ? (await context.CallActivityAsync<int>("Square", 7)).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : await context.CallActivityAsync<string>("SayHello", "Aden");
        await context.WaitForExternalEvent<string>("Go");
        return first;
    }

    [Function("VersionedReorder")]
    public static async Task<string> VersionedReorder([OrchestrationTrigger(Version = "2")] TaskOrchestrationContext context) =>
        $"v{context.Version}: {await context.CallActivityAsync<string>("SayHello", "Salalah")}";

    /// <summary>Runs per key of the activity that hangs on its first run.</summary>
    public static ConcurrentDictionary<string, int> Runs { get; } = new();

    [Function("HangsOnFirstRun")]
    public static async Task<string> HangsOnFirstRun([ActivityTrigger] string key, CancellationToken cancellationToken)
    {
        if (Runs.AddOrUpdate(key, 1, (_, n) => n + 1) == 1)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return $"run {Runs[key]}";
    }

    [Function("CallsHangingActivity")]
    public static Task<string> CallsHangingActivity([OrchestrationTrigger] TaskOrchestrationContext context) =>
        context.CallActivityAsync<string>("HangsOnFirstRun", context.InstanceId);
}

/// <summary>An orchestration whose checkpoint PostgreSQL always rejects (a NUL character in a child's instance id).</summary>
public static class PoisonOrchestrations
{
    [Function("StartsUnstorableChild")]
    public static Task StartsUnstorableChild([OrchestrationTrigger] TaskOrchestrationContext context) =>
        context.CallSubOrchestratorAsync("HelloCities", options: new SubOrchestrationOptions(InstanceId: "child\0with-nul"));
}
