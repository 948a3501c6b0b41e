using GoldAnalytics.Runtime.Durable.History;
using Npgsql;
using static GoldAnalytics.Runtime.Durable.Store.Parameters;

namespace GoldAnalytics.Runtime.Durable.Store;

/// <summary>
/// Everything a batch of orchestrator steps writes, collected in memory and sent as one <see cref="NpgsqlBatch"/>
/// of set-based statements (unnest arrays), whatever the number of instances and events.
/// </summary>
internal sealed class CheckpointBatch : Worker.ICheckpointSink
{
    private readonly List<long> _consumed = [];
    private readonly List<string> _historyReset = [];
    private readonly List<(string InstanceId, int Seq, Guid ExecutionId, HistoryEvent Event)> _history = [];
    private readonly List<(string InstanceId, Guid? ExecutionId, HistoryEvent Event, DateTime VisibleAt)> _messages = [];
    private readonly List<(string InstanceId, Guid ExecutionId, int TaskId, string Name, string? Input)> _activities = [];
    private readonly List<SubOrchestrationStart> _children = [];
    private readonly List<InstanceUpdate> _updates = [];
    private readonly List<string> _completed = [];

    public void Consume(IEnumerable<long> messageIds) => _consumed.AddRange(messageIds);

    public void ResetHistory(string instanceId) => _historyReset.Add(instanceId);

    public void AppendHistory(string instanceId, Guid executionId, int firstSeq, IEnumerable<HistoryEvent> events)
    {
        var seq = firstSeq;
        foreach (var e in events)
        {
            _history.Add((instanceId, seq++, executionId, e));
        }
    }

    public void Send(string instanceId, Guid? executionId, HistoryEvent message, DateTime? visibleAt = null) =>
        _messages.Add((instanceId, executionId, message, visibleAt ?? message.Timestamp));

    public void ScheduleActivity(string instanceId, Guid executionId, int taskId, string name, string? input) =>
        _activities.Add((instanceId, executionId, taskId, name, input));

    public void StartChild(SubOrchestrationStart child) => _children.Add(child);

    public void Update(InstanceUpdate update)
    {
        _updates.Add(update);
        if (update.Status.IsTerminal())
        {
            _completed.Add(update.InstanceId);
        }
    }

    /// <summary>The statements of the checkpoint, ending with COMMIT (the claim opened the transaction).</summary>
    public NpgsqlBatch Build(NpgsqlConnection connection)
    {
        var batch = new NpgsqlBatch(connection);
        if (_historyReset.Count > 0)
        {
            batch.BatchCommands.Add(Command("DELETE FROM durable.history WHERE instance_id = ANY($1)", Texts(_historyReset)));
        }

        if (_history.Count > 0)
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO durable.history (instance_id, seq, execution_id, event_type, event)
                SELECT * FROM unnest($1::text[], $2::int[], $3::uuid[], $4::text[], $5::text[])
                """,
                Texts(_history.Select(h => h.InstanceId)), Ints(_history.Select(h => h.Seq)), Uuids(_history.Select(h => (Guid?)h.ExecutionId)),
                Texts(_history.Select(h => h.Event.EventType)), Texts(_history.Select(h => DurableJson.Write(h.Event)))));
        }

        if (_consumed.Count > 0)
        {
            // Exactly-once guard: deleting fewer messages than the step applied means another step consumed some
            // first; the failing cast then aborts the transaction before the COMMIT at the end of this batch.
            batch.BatchCommands.Add(Command("""
                WITH consumed AS (DELETE FROM durable.messages WHERE id = ANY($1) RETURNING 1)
                SELECT CASE WHEN count(*) = $2 THEN 0
                            ELSE ('durable step consumed ' || count(*) || ' of ' || $2 || ' messages; another step consumed the rest')::int END
                FROM consumed
                """, Longs(_consumed), Int(_consumed.Count)));
        }

        AddMessages(batch);
        AddActivities(batch);
        AddChildren(batch);
        AddUpdates(batch);
        batch.BatchCommands.Add(Command("COMMIT"));
        return batch;
    }

    private void AddMessages(NpgsqlBatch batch)
    {
        if (_messages.Count == 0)
        {
            return;
        }

        batch.BatchCommands.Add(Command("""
            INSERT INTO durable.messages (instance_id, execution_id, event_type, event, visible_at)
            SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[])
            """,
            Texts(_messages.Select(m => m.InstanceId)), Uuids(_messages.Select(m => m.ExecutionId)), Texts(_messages.Select(m => m.Event.EventType)),
            Texts(_messages.Select(m => DurableJson.Write(m.Event))), Times(_messages.Select(m => m.VisibleAt))));
        batch.BatchCommands.Add(Command($"SELECT pg_notify('{Channels.Orchestrations}', '')"));
    }

    private void AddActivities(NpgsqlBatch batch)
    {
        if (_activities.Count == 0)
        {
            return;
        }

        batch.BatchCommands.Add(Command("""
            INSERT INTO durable.activities (instance_id, execution_id, task_id, name, input)
            SELECT * FROM unnest($1::text[], $2::uuid[], $3::int[], $4::text[], $5::text[])
            """,
            Texts(_activities.Select(a => a.InstanceId)), Uuids(_activities.Select(a => (Guid?)a.ExecutionId)), Ints(_activities.Select(a => a.TaskId)),
            Texts(_activities.Select(a => a.Name)), Texts(_activities.Select(a => a.Input))));
        batch.BatchCommands.Add(Command($"SELECT pg_notify('{Channels.Activities}', '')"));
    }

    private void AddChildren(NpgsqlBatch batch)
    {
        if (_children.Count == 0)
        {
            return;
        }

        // A child id already in use is refused: the parent gets the failure instead of a second instance.
        batch.BatchCommands.Add(Command("""
            WITH c AS (
                SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::text[])
                    AS c(instance_id, execution_id, name, version, input, parent_instance_id, parent_execution_id, start_event, failure_event)
            ), created AS (
                INSERT INTO durable.instances (instance_id, execution_id, name, version, runtime_status, input, parent_instance_id)
                SELECT instance_id, execution_id, name, version, 'Pending', input, parent_instance_id FROM c
                ON CONFLICT (instance_id) DO NOTHING
                RETURNING instance_id
            )
            INSERT INTO durable.messages (instance_id, execution_id, event_type, event)
            SELECT c.instance_id, c.execution_id, 'ExecutionStarted', c.start_event FROM c WHERE c.instance_id IN (SELECT instance_id FROM created)
            UNION ALL
            SELECT c.parent_instance_id, c.parent_execution_id, 'SubOrchestrationFailed', c.failure_event FROM c WHERE c.instance_id NOT IN (SELECT instance_id FROM created)
            """,
            Texts(_children.Select(c => c.InstanceId)), Uuids(_children.Select(c => (Guid?)c.ExecutionId)), Texts(_children.Select(c => c.Started.Name)),
            Texts(_children.Select(c => c.Started.Version)), Texts(_children.Select(c => c.Started.Input)), Texts(_children.Select(c => c.Started.Parent!.InstanceId)),
            Uuids(_children.Select(c => (Guid?)c.Started.Parent!.ExecutionId)), Texts(_children.Select(c => DurableJson.Write(c.Started))),
            Texts(_children.Select(c => DurableJson.Write(c.RefusedEvent)))));
        if (_messages.Count == 0)
        {
            batch.BatchCommands.Add(Command($"SELECT pg_notify('{Channels.Orchestrations}', '')"));
        }
    }

    private void AddUpdates(NpgsqlBatch batch)
    {
        if (_updates.Count == 0)
        {
            return;
        }

        batch.BatchCommands.Add(Command("""
            UPDATE durable.instances i SET
                execution_id = u.execution_id,
                runtime_status = u.runtime_status,
                input = CASE WHEN u.replace_input THEN u.input ELSE i.input END,
                output = u.output,
                custom_status = u.custom_status,
                failure = u.failure,
                last_updated_at = now(),
                completed_at = CASE WHEN u.runtime_status IN ('Completed', 'Failed', 'Terminated') THEN now() END,
                checkpoint = i.checkpoint + 1
            FROM unnest($1::text[], $2::uuid[], $3::text[], $4::bool[], $5::text[], $6::text[], $7::text[], $8::text[])
                AS u(instance_id, execution_id, runtime_status, replace_input, input, output, custom_status, failure)
            WHERE i.instance_id = u.instance_id
            """,
            Texts(_updates.Select(u => u.InstanceId)), Uuids(_updates.Select(u => (Guid?)u.ExecutionId)), Texts(_updates.Select(u => u.Status.ToString())),
            Bools(_updates.Select(u => u.NewInput is not null)), Texts(_updates.Select(u => u.NewInput?.Value)), Texts(_updates.Select(u => u.Output)),
            Texts(_updates.Select(u => u.CustomStatus)), Texts(_updates.Select(u => u.Failure is null ? null : DurableJson.Serialize(u.Failure)))));
        if (_completed.Count > 0)
        {
            batch.BatchCommands.Add(Command($"SELECT pg_notify('{Channels.Completed}', id) FROM unnest($1::text[]) AS id", Texts(_completed)));
        }
    }
}

/// <summary>The new state of an instance row after a step.</summary>
internal sealed record InstanceUpdate(string InstanceId, Guid ExecutionId, OrchestrationRuntimeStatus Status, string? Output,
    string? CustomStatus, TaskFailureDetails? Failure, NewInput? NewInput = null);

/// <summary>The input of a continued-as-new execution (its value may be null).</summary>
internal sealed record NewInput(string? Value);

/// <summary>A sub-orchestration to create, and what its parent receives if the id is taken.</summary>
internal sealed record SubOrchestrationStart(string InstanceId, Guid ExecutionId, ExecutionStarted Started, SubOrchestrationFailed RefusedEvent);
