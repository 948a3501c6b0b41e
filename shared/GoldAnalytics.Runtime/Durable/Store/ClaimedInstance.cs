using GoldAnalytics.Runtime.Durable.History;

namespace GoldAnalytics.Runtime.Durable.Store;

/// <summary>An instance row locked by this host's step transaction.</summary>
internal sealed record ClaimedInstance(string InstanceId, Guid ExecutionId, string Name, string Version, OrchestrationRuntimeStatus Status, long Checkpoint);

/// <summary>A message from an instance's inbox.</summary>
internal sealed record InboxMessage(long Id, string InstanceId, Guid? ExecutionId, HistoryEvent Event);
