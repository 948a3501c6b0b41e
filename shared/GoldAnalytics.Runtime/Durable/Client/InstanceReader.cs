using GoldAnalytics.Runtime.Durable.History;
using Npgsql;

namespace GoldAnalytics.Runtime.Durable.Client;

/// <summary>Reads instance rows into <see cref="OrchestrationMetadata"/>.</summary>
internal static class InstanceReader
{
    public const string Columns = """
        instance_id, name, version, runtime_status, created_at, last_updated_at, completed_at, scheduled_start_at,
        parent_instance_id, input, output, custom_status, failure
        """;

    public static OrchestrationMetadata Read(NpgsqlDataReader reader, bool withInputsAndOutputs)
    {
        string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
        DateTime? Time(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDateTime(ordinal);
        return new OrchestrationMetadata(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), Enum.Parse<OrchestrationRuntimeStatus>(reader.GetString(3)),
            reader.GetDateTime(4), reader.GetDateTime(5), Time(6), Time(7), Text(8),
            withInputsAndOutputs ? Text(9) : null, withInputsAndOutputs ? Text(10) : null, Text(11),
            DurableJson.Deserialize<TaskFailureDetails>(Text(12)));
    }
}
