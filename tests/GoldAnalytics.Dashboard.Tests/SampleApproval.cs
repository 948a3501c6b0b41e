using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Durable;

namespace GoldAnalytics.Dashboard.Tests;

/// <summary>The manager's answer to a reorder proposal, as raised on the orchestration.</summary>
public sealed record ReorderDecision(bool Approved, string? By = null);

/// <summary>
/// A reorder approval the browser tests start through the management API: it waits for the manager's
/// <c>Approval</c> event, records the decision in an activity and completes with it. Registered by the fixture only.
/// </summary>
public static class SampleApproval
{
    public const string Orchestration = "SampleReorderApproval";

    public const string EventName = "Approval";

    [Function(Orchestration)]
    public static async Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        context.SetCustomStatus("waiting for approval");
        var decision = await context.WaitForExternalEvent<ReorderDecision>(EventName);
        return await context.CallActivityAsync<string>("SampleRecordReorderDecision", decision);
    }

    [Function("SampleRecordReorderDecision")]
    public static string RecordDecision([ActivityTrigger] ReorderDecision decision) =>
        decision.Approved ? $"approved by {decision.By ?? "the manager"}" : "rejected";
}
