using GoldAnalytics.Runtime.Durable.History;
using GoldAnalytics.Runtime.Durable.Store;

namespace GoldAnalytics.Runtime.Durable.Worker;

/// <summary>Where a step's checkpoint goes: the PostgreSQL batch in production, memory in the test harness.</summary>
internal interface ICheckpointSink
{
    void Consume(IEnumerable<long> messageIds);

    void ResetHistory(string instanceId);

    void AppendHistory(string instanceId, Guid executionId, int firstSeq, IEnumerable<HistoryEvent> events);

    void Send(string instanceId, Guid? executionId, HistoryEvent message, DateTime? visibleAt = null);

    void ScheduleActivity(string instanceId, Guid executionId, int taskId, string name, string? input);

    void StartChild(SubOrchestrationStart child);

    void Update(InstanceUpdate update);
}
