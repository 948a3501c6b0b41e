using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;

namespace GoldAnalytics.Runtime.Hosting;

/// <summary>host.json could not be used; the message names every faulty setting and why.</summary>
public sealed class HostSettingsException : Exception
{
    public HostSettingsException(IReadOnlyList<string> problems)
        : base("host.json is not valid:" + string.Concat(problems.Select(p => $"{Environment.NewLine}  - {p}")))
    {
        Problems = problems;
    }

    public HostSettingsException()
        : this([])
    {
    }

    public HostSettingsException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public HostSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>One line per faulty setting: its path and what is wrong.</summary>
    public IReadOnlyList<string> Problems { get; } = [];
}

/// <summary>
/// Reads host.json strictly: an unknown setting, a value of the wrong type or out of range stops
/// start-up with its path. Environment overrides <c>GA_HOST__extensions__http__routePrefix=v1</c>
/// (any path, <c>__</c> between segments) are applied first and checked the same way.
/// </summary>
public static class HostSettingsReader
{
    /// <summary>The configuration section (environment variable prefix <c>GA_HOST__</c>) holding overrides.</summary>
    public const string OverrideSection = "GA_HOST";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads the file at <paramref name="path"/> with the overrides of <paramref name="configuration"/>.</summary>
    public static HostSettings Load(string path, IConfiguration configuration) =>
        File.Exists(path)
            ? Parse(File.ReadAllText(path), configuration)
            : throw new HostSettingsException($"host.json not found at {Path.GetFullPath(path)}; create it at the repository root or point GA_HOST_JSON at it.");

    /// <summary>Reads host.json text with the overrides of <paramref name="configuration"/>.</summary>
    public static HostSettings Parse(string json, IConfiguration? configuration = null)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new HostSettingsException(["(root): must be a JSON object"]);
        }
        catch (JsonException e)
        {
            throw new HostSettingsException([$"(file): not valid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}"]);
        }

        if (configuration is not null)
        {
            ApplyOverrides(root, configuration.GetSection(OverrideSection));
        }

        var problems = new List<string>();
        CheckShape(root, typeof(HostSettings), "", problems);
        if (problems.Count > 0)
        {
            throw new HostSettingsException(problems);
        }

        var settings = root.Deserialize<HostSettings>(Json)!;
        HostSettingsRules.Check(settings, problems);
        return problems.Count > 0 ? throw new HostSettingsException(problems) : settings;
    }

    private static void ApplyOverrides(JsonObject target, IConfigurationSection section)
    {
        foreach (var child in section.GetChildren())
        {
            var existing = target.FirstOrDefault(p => string.Equals(p.Key, child.Key, StringComparison.OrdinalIgnoreCase));
            var name = existing.Key ?? child.Key;
            if (child.Value is null)
            {
                if (target[name] is not JsonObject nested)
                {
                    nested = [];
                    target[name] = nested;
                }

                ApplyOverrides(nested, child);
            }
            else
            {
                target[name] = ValueOf(child.Value);
            }
        }
    }

    // An override is JSON when it parses as JSON (numbers, booleans, lists), else a plain string.
    private static JsonNode? ValueOf(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private static void CheckShape(JsonNode? node, Type type, string path, List<string> problems)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(JsonElement))
        {
            return;
        }

        if (IsSettingsRecord(underlying))
        {
            CheckObject(node, underlying, path, problems);
            return;
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(Dictionary<,>) && node is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                CheckShape(value, underlying.GetGenericArguments()[1], Join(path, key), problems);
            }

            return;
        }

        CheckValue(node, type, path, problems);
    }

    private static void CheckObject(JsonNode? node, Type type, string path, List<string> problems)
    {
        if (node is not JsonObject obj)
        {
            problems.Add($"{Display(path)}: must be an object");
            return;
        }

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (!properties.TryGetValue(key, out var property))
            {
                var hint = properties.Keys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) is { } near
                    ? $"did you mean '{near}'?"
                    : $"known settings here: {string.Join(", ", properties.Keys)}";
                problems.Add($"{Join(path, key)}: unknown setting ({hint})");
                continue;
            }

            CheckShape(value, property.PropertyType, Join(path, key), problems);
        }
    }

    private static void CheckValue(JsonNode? node, Type type, string path, List<string> problems)
    {
        try
        {
            JsonSerializer.Deserialize(node, type, Json);
            if (node is null && type.IsValueType && Nullable.GetUnderlyingType(type) is null)
            {
                problems.Add($"{path}: must not be null");
            }
        }
        catch (JsonException)
        {
            problems.Add($"{path}: {Expected(type)}, found {Describe(node)}");
        }
    }

    private static bool IsSettingsRecord(Type type) => type.Namespace == typeof(HostSettings).Namespace && type.IsClass && !typeof(IEnumerable).IsAssignableFrom(type);

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(TimeSpan) => "must be a duration \"hh:mm:ss\"",
            _ when type == typeof(string) => "must be a string",
            _ when type == typeof(bool) => "must be true or false",
            _ when type == typeof(int) || type == typeof(long) => "must be a whole number",
            _ when type.IsEnum => $"must be one of {string.Join(", ", Enum.GetNames(type))}",
            _ when typeof(IEnumerable).IsAssignableFrom(type) => "must be a list of strings",
            _ => $"must be a {type.Name}",
        };
    }

    private static string Describe(JsonNode? node) => node is null ? "null" : node.ToJsonString() is var text && text.Length > 40 ? text[..40] + "…" : node.ToJsonString();

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Display(string path) => path.Length == 0 ? "(root)" : path;
}
