using System.Text.Json.Nodes;

namespace GoldAnalytics.Functions.Tests.Fuzz;

/// <summary>One request of the suite: what is hostile in it, and the request itself.</summary>
public sealed record HostileRequest(string What, string Method, string PathAndQuery, string? Json, bool IsBaseline = false)
{
    public override string ToString() => $"{Method} {(PathAndQuery.Length > 160 ? PathAndQuery[..160] + "…" : PathAndQuery)} [{What}]";
}

/// <summary>
/// The requests for one operation: first the plausible one (the baseline, which must succeed, proving the others
/// get as far as the handler), then one hostile value at a time in each route value, query parameter and body field.
/// </summary>
public static class HostileVariants
{
    private const int MaxDepth = 3;

    public static IEnumerable<HostileRequest> For(OpenApiOperation operation, PlausibleRequests plausible)
    {
        var route = operation.Route.ToDictionary(p => p.Name, p => plausible.Text(operation.Path, p));
        var query = operation.Query.Where(p => p.Required || Sent(p)).ToDictionary(p => p.Name, p => plausible.Text(operation.Path, p));
        JsonNode? body = operation.Body is { } schema ? plausible.Body(operation.Path, new SchemaFacts(schema)) : null;

        var baseline = new HostileRequest("baseline", operation.Method, Url(operation, route, query), Json(body), IsBaseline: true);
        if (operation.Method != "DELETE")
        {
            yield return baseline;
        }

        foreach (var parameter in operation.Route)
        {
            // A NUL in the path is refused by the server's request-line parser before any application code runs.
            foreach (var text in HostileValues.ForText(new SchemaFacts(parameter.Schema)).Where(t => !t.Contains('\0', StringComparison.Ordinal)))
            {
                var hostile = new Dictionary<string, string>(route) { [parameter.Name] = text };
                yield return new HostileRequest($"route {parameter.Name}={Describe(text)}", operation.Method, Url(operation, hostile, query), Json(body));
            }
        }

        foreach (var parameter in operation.Query)
        {
            foreach (var text in HostileValues.ForText(new SchemaFacts(parameter.Schema)))
            {
                var hostile = new Dictionary<string, string>(query) { [parameter.Name] = text };
                yield return new HostileRequest($"query {parameter.Name}={Describe(text)}", operation.Method, Url(operation, route, hostile), Json(body));
            }

            var twice = Url(operation, route, query) + (query.Count == 0 ? "?" : "&") + $"{parameter.Name}={HostileText.Escape(plausible.Text(operation.Path, parameter))}";
            yield return new HostileRequest($"query {parameter.Name} twice", operation.Method, query.ContainsKey(parameter.Name) ? twice : twice + $"&{parameter.Name}=1", Json(body));
            if (parameter.Required)
            {
                var without = new Dictionary<string, string>(query);
                without.Remove(parameter.Name);
                yield return new HostileRequest($"query {parameter.Name} missing", operation.Method, Url(operation, route, without), Json(body));
            }
        }

        if (body is not null && operation.Body is { } bodySchema)
        {
            foreach (var (path, field) in Fields(new SchemaFacts(bodySchema), "", 0))
            {
                foreach (var value in HostileValues.ForJson(field, Get(body, path)))
                {
                    var hostile = body.DeepClone();
                    Set(hostile, path, value);
                    yield return new HostileRequest($"body {path}={Describe(value)}", operation.Method, baseline.PathAndQuery, Json(hostile));
                }
            }

            foreach (var whole in WholeBodies())
            {
                yield return new HostileRequest($"body {Describe(whole)}", operation.Method, baseline.PathAndQuery, HostileValueHost.Serialize(whole));
            }
        }

        if (operation.Method == "DELETE")
        {
            yield return baseline;
        }
    }

    // Optional query parameters are sent with their plausible value when they narrow nothing away.
    private static bool Sent(OperationParameter parameter) => parameter.Name is "page" or "pageSize" or "limit";

    private static IEnumerable<JsonNode?> WholeBodies()
    {
        yield return null;
        yield return new JsonArray();
        yield return "text";
        yield return new JsonObject { ["unexpected"] = "\u0000" };
    }

    private static IEnumerable<(string Path, SchemaFacts Schema)> Fields(SchemaFacts schema, string prefix, int depth)
    {
        foreach (var (name, field, _) in schema.Properties)
        {
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            yield return (path, field);
            if (depth >= MaxDepth)
            {
                continue;
            }

            if (field.Type == "object")
            {
                foreach (var inner in Fields(field, path, depth + 1))
                {
                    yield return inner;
                }
            }
            else if (field.Type == "array" && field.Items is { Type: "object" } items)
            {
                foreach (var inner in Fields(items, path + "[0]", depth + 1))
                {
                    yield return inner;
                }
            }
        }
    }

    private static JsonNode? Get(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var (name, index) in Steps(path))
        {
            node = node?[name];
            if (index is { } i)
            {
                node = node is JsonArray { Count: > 0 } array ? array[i] : null;
            }
        }

        return node;
    }

    private static void Set(JsonNode root, string path, JsonNode? value)
    {
        var steps = Steps(path).ToList();
        JsonNode? node = root;
        for (var s = 0; s < steps.Count - 1; s++)
        {
            node = node?[steps[s].Name];
            if (steps[s].Index is { } i)
            {
                node = node is JsonArray { Count: > 0 } array ? array[i] : null;
            }
        }

        if (node is JsonObject parent)
        {
            parent[steps[^1].Name] = value;
        }
    }

    private static IEnumerable<(string Name, int? Index)> Steps(string path) =>
        path.Split('.').Select(step => step.EndsWith("[0]", StringComparison.Ordinal) ? (step[..^3], (int?)0) : (step, null));

    private static string Url(OpenApiOperation operation, Dictionary<string, string> route, Dictionary<string, string> query)
    {
        var path = operation.Path;
        foreach (var (name, value) in route)
        {
            path = path.Replace("{" + name + "}", value.Length == 0 ? "%20" : HostileText.Escape(value), StringComparison.Ordinal);
        }

        return query.Count == 0 ? path : path + "?" + string.Join("&", query.Select(q => $"{q.Key}={HostileText.Escape(q.Value)}"));
    }

    private static string? Json(JsonNode? body) => body is null ? null : HostileValueHost.Serialize(body);

    private static string Describe(string text) => text.Length > 24 ? $"{text[..8].Replace("\u0000", "\\0", StringComparison.Ordinal)}…({text.Length} chars)" : text.Replace("\u0000", "\\0", StringComparison.Ordinal);

    private static string Describe(JsonNode? value) => value is null ? "null" : Describe(HostileValueHost.Serialize(value));
}
