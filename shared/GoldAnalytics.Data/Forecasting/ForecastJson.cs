using System.Text.Json;
using System.Text.Json.Serialization;

namespace GoldAnalytics.Data.Forecasting;

/// <summary>JSON of the jsonb columns: camelCase, and non-finite numbers (an infinite ADI) written as null.</summary>
internal static class ForecastJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Options);

    /// <summary>The value, or null when it is NaN or infinite (JSON and the API have no such numbers).</summary>
    public static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
