using System.Text.Json;

namespace GoldAnalytics.Functions.Tests.Fuzz;

/// <summary>A parameter of an operation: where it goes (path or query), whether it is required, its schema.</summary>
public sealed record OperationParameter(string Name, string In, bool Required, JsonElement Schema);

/// <summary>One operation of the OpenAPI document, with its request body's schema resolved.</summary>
public sealed record OpenApiOperation(string Method, string Path, string OperationId, IReadOnlyList<OperationParameter> Parameters, JsonElement? Body)
{
    public IEnumerable<OperationParameter> Route => Parameters.Where(p => p.In == "path");

    public IEnumerable<OperationParameter> Query => Parameters.Where(p => p.In == "query");

    public bool Writes => Method is "POST" or "PUT" or "PATCH" or "DELETE";

    public override string ToString() => $"{Method} {Path}";
}

/// <summary>Reads the operations of the app's own OpenAPI document, so that the fuzz suite follows every new endpoint.</summary>
public static class OpenApiOperations
{
    public static IReadOnlyList<OpenApiOperation> Read(JsonElement document)
    {
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var operations = new List<OpenApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => new OperationParameter(
                        p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                        p.TryGetProperty("required", out var required) && required.GetBoolean(), p.GetProperty("schema").Clone())).ToList()
                    : [];
                JsonElement? body = operation.Value.TryGetProperty("requestBody", out var requestBody)
                    && requestBody.GetProperty("content").TryGetProperty("application/json", out var json)
                    ? Resolve(json.GetProperty("schema"), schemas)
                    : null;
                operations.Add(new OpenApiOperation(operation.Name.ToUpperInvariant(), path.Name, operation.Value.GetProperty("operationId").GetString()!, parameters, body));
            }
        }

        return operations;
    }

    /// <summary>The schema with every <c>$ref</c> replaced by the component it names.</summary>
    public static JsonElement Resolve(JsonElement schema, JsonElement components)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(schema.GetRawText())!;
        return JsonSerializer.SerializeToElement(Inline(node, components, 0));
    }

    private static System.Text.Json.Nodes.JsonNode? Inline(System.Text.Json.Nodes.JsonNode? node, JsonElement components, int depth)
    {
        switch (node)
        {
            case System.Text.Json.Nodes.JsonObject obj when obj["$ref"]?.GetValue<string>() is { } reference && depth < 16:
                var name = reference[(reference.LastIndexOf('/') + 1)..];
                return Inline(System.Text.Json.Nodes.JsonNode.Parse(components.GetProperty(name).GetRawText()), components, depth + 1);
            case System.Text.Json.Nodes.JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    obj[key] = Inline(obj[key]?.DeepClone(), components, depth);
                }

                return obj;
            case System.Text.Json.Nodes.JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = Inline(array[i]?.DeepClone(), components, depth);
                }

                return array;
            default:
                return node;
        }
    }
}

/// <summary>What a JSON schema says about a value: its type (without null), format, allowed values, fields.</summary>
public readonly record struct SchemaFacts(JsonElement Schema)
{
    public string Type
    {
        get
        {
            if (!Schema.TryGetProperty("type", out var type))
            {
                return Schema.TryGetProperty("properties", out _) ? "object" : "any";
            }

            return type.ValueKind == JsonValueKind.Array
                ? type.EnumerateArray().Select(t => t.GetString()!).FirstOrDefault(t => t != "null") ?? "null"
                : type.GetString()!;
        }
    }

    public string? Format => Schema.TryGetProperty("format", out var format) ? format.GetString() : null;

    public IReadOnlyList<string> Enum => Schema.TryGetProperty("enum", out var values)
        ? [.. values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
        : [];

    public IEnumerable<(string Name, SchemaFacts Schema, bool Required)> Properties
    {
        get
        {
            if (!Schema.TryGetProperty("properties", out var properties))
            {
                yield break;
            }

            var required = Schema.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(r => r.GetString()).ToHashSet() : [];
            foreach (var property in properties.EnumerateObject())
            {
                yield return (property.Name, new SchemaFacts(property.Value), required.Contains(property.Name));
            }
        }
    }

    public SchemaFacts? Items => Schema.TryGetProperty("items", out var items) ? new SchemaFacts(items) : null;
}
