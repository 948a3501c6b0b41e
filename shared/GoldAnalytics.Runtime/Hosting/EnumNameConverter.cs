using System.Text.Json;
using System.Text.Json.Serialization;
using GoldAnalytics.Runtime.Invocation;

namespace GoldAnalytics.Runtime.Hosting;

/// <summary>
/// Enums as camelCase names, read back only as exactly one member's name (see <see cref="EnumNames"/>):
/// the framework's string enum converter would read "staff,analyst" as the flags combined. Enums marked
/// <see cref="FlagsAttribute"/> keep that converter, for them a list of names is the point.
/// </summary>
public sealed class EnumNameConverter : JsonConverterFactory
{
    private static readonly JsonStringEnumConverter Flags = new(JsonNamingPolicy.CamelCase, allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        typeToConvert.IsDefined(typeof(FlagsAttribute), inherit: false)
            ? Flags.CreateConverter(typeToConvert, options)
            : (JsonConverter?)Activator.CreateInstance(typeof(Names<>).MakeGenericType(typeToConvert));

    private sealed class Names<T> : JsonConverter<T>
        where T : struct, Enum
    {
        private static readonly Dictionary<T, string> Written = Enum.GetValues<T>().Distinct().ToDictionary(v => v, v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()));

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()) : throw Expected();

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(NameOf(value));

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(NameOf(value));

        private static T Parse(string? text) => EnumNames.TryParse<T>(text, out var value) ? value : throw Expected();

        private static string NameOf(T value) =>
            Written.TryGetValue(value, out var name) ? name : throw new JsonException($"{value} is not a member of {typeof(T).Name}.");

        private static JsonException Expected() => new($"Expected one of {string.Join(", ", Written.Values)}.");
    }
}
