using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace GoldAnalytics.Runtime.Hosting;

/// <summary>The JSON rules of the function app: camelCase, enums as one name each, numbers as numbers, nullability and required fields respected.</summary>
public static class FunctionJson
{
    /// <summary>Shared, read-only options for bodies, responses, events and bound values.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Applies the same rules to options owned by someone else (ASP.NET Core's result writers).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new EnumNameConverter());
        options.TypeInfoResolver ??= new DefaultJsonTypeInfoResolver();
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly();
        return options;
    }
}
