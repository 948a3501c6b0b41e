using System.Text.Json;
using System.Text.Json.Serialization;

namespace GoldAnalytics.Runtime.Durable.History;

/// <summary>The one JSON shape used for inputs, outputs, custom status and history events.</summary>
public static class DurableJson
{
    /// <summary>Web defaults (camelCase), enums as strings.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serialises a value; null stays null so "no input" and "null input" read the same.</summary>
    public static string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>Deserialises a value written by <see cref="Serialize"/>; null or empty gives default.</summary>
    public static T? Deserialize<T>(string? json) =>
        string.IsNullOrEmpty(json) ? default : JsonSerializer.Deserialize<T>(json, Options);

    /// <summary>Deserialises into a runtime type (an activity's trigger parameter).</summary>
    public static object? Deserialize(string? json, Type type) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize(json, type, Options);

    internal static string Write(HistoryEvent historyEvent) => JsonSerializer.Serialize(historyEvent, Options);

    internal static HistoryEvent Read(string json) =>
        JsonSerializer.Deserialize<HistoryEvent>(json, Options) ?? throw new InvalidOperationException("Empty history event.");
}
