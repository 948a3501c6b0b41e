using System.Text.Json;
using GoldAnalytics.Runtime.Durable.History;

namespace GoldAnalytics.Runtime.Durable.Http;

/// <summary>The status body of the management API, with Durable Functions' field names.</summary>
public sealed record InstanceStatusResponse(
    string Name,
    string InstanceId,
    string RuntimeStatus,
    JsonElement? Input,
    JsonElement? CustomStatus,
    JsonElement? Output,
    DateTime CreatedTime,
    DateTime LastUpdatedTime,
    IReadOnlyList<HistoryEvent>? HistoryEvents)
{
    /// <summary>Builds the body; input and history only when asked for.</summary>
    public static InstanceStatusResponse From(OrchestrationMetadata instance, bool showInput, IReadOnlyList<HistoryEvent>? history) => new(
        instance.Name,
        instance.InstanceId,
        instance.RuntimeStatus.ToString(),
        showInput ? Json(instance.SerializedInput) : null,
        Json(instance.SerializedCustomStatus),
        instance.FailureDetails is { } failure ? JsonSerializer.SerializeToElement(failure, DurableJson.Options) : Json(instance.SerializedOutput),
        instance.CreatedAt,
        instance.LastUpdatedAt,
        history);

    private static JsonElement? Json(string? serialized) =>
        serialized is null ? null : JsonDocument.Parse(serialized).RootElement.Clone();
}
