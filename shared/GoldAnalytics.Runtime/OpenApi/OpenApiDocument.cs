using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace GoldAnalytics.Runtime.OpenApi;

/// <summary>Builds the OpenAPI 3.1 document of the HTTP functions from the catalogue: paths, parameters, schemas, key security.</summary>
public static class OpenApiDocument
{
    private const string ProblemRef = "#/components/schemas/Problem";

    /// <summary>The document for these functions, plus the runtime's own event stream.</summary>
    public static JsonObject Build(IEnumerable<HttpFunction> functions, string routePrefix, JsonSerializerOptions json)
    {
        var schemas = new JsonObject { ["Problem"] = ProblemSchema() };
        var paths = new JsonObject();
        foreach (var function in functions.OrderBy(f => f.RoutePattern, StringComparer.Ordinal))
        {
            var path = OpenApiPath(function.RoutePattern);
            var item = paths[path] as JsonObject ?? new JsonObject();
            paths[path] = item;
            foreach (var method in function.Trigger.Methods.Count == 0 ? ["GET", "POST", "PUT", "PATCH", "DELETE"] : function.Trigger.Methods)
            {
                item[method.ToLowerInvariant()] = Operation(function, method, schemas, json);
            }
        }

        paths[OpenApiPath("/" + string.Join("/", new[] { routePrefix, "events" }.Where(s => s.Length > 0)))] = EventsPath();
        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject { ["title"] = "GoldAnalytics API", ["version"] = "1.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject
                {
                    ["functionKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = KeyAuthenticator.HeaderName },
                    ["functionKeyQuery"] = new JsonObject { ["type"] = "apiKey", ["in"] = "query", ["name"] = KeyAuthenticator.QueryParameter },
                },
            },
        };
    }

    private static JsonObject Operation(HttpFunction function, string method, JsonObject schemas, JsonSerializerOptions json)
    {
        var parameters = new JsonArray();
        foreach (var parameter in function.RouteParameters)
        {
            parameters.Add(Parameter(parameter, "path", required: true, json));
        }

        foreach (var parameter in function.QueryParameters)
        {
            parameters.Add(Parameter(parameter, "query", required: !parameter.HasDefaultValue && !IsNullable(parameter), json));
        }

        var operation = new JsonObject
        {
            ["operationId"] = function.Trigger.Methods.Count > 1 ? $"{function.Name}_{method.ToLowerInvariant()}" : function.Name,
            ["summary"] = function.Name,
            ["parameters"] = parameters,
        };
        if (function.BodyParameter is { } body)
        {
            operation["requestBody"] = new JsonObject
            {
                ["required"] = !IsNullable(body),
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = SchemaRef(body.ParameterType, schemas, json) } },
            };
        }

        operation["responses"] = Responses(function, schemas, json);
        if (function.Trigger.AuthLevel != AuthorizationLevel.Anonymous)
        {
            operation["security"] = new JsonArray(new JsonObject { ["functionKey"] = new JsonArray() }, new JsonObject { ["functionKeyQuery"] = new JsonArray() });
            operation["x-required-role"] = RoleNames.Of(function.RoleFor(method));
        }

        return operation;
    }

    private static JsonObject Parameter(ParameterInfo parameter, string location, bool required, JsonSerializerOptions json) => new()
    {
        ["name"] = parameter.Name,
        ["in"] = location,
        ["required"] = required,
        ["schema"] = json.GetJsonSchemaAsNode(Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType, new JsonSchemaExporterOptions { TransformSchemaNode = EnumSchema }),
    };

    private static JsonObject Responses(HttpFunction function, JsonObject schemas, JsonSerializerOptions json)
    {
        var responses = new JsonObject();
        foreach (var (status, type) in Produces(function.Function.Method))
        {
            var response = new JsonObject { ["description"] = status == 204 ? "No content" : "Success" };
            if (type is not null)
            {
                response["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = SchemaRef(type, schemas, json) } };
            }

            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
        }

        var problems = new List<int> { 400, 500 };
        if (function.Trigger.AuthLevel != AuthorizationLevel.Anonymous)
        {
            problems.AddRange([401, 403]);
        }

        if (function.BodyParameter is not null)
        {
            problems.AddRange([413, 415, 422]);
        }

        foreach (var status in problems.Where(s => !responses.ContainsKey(s.ToString(System.Globalization.CultureInfo.InvariantCulture))).Order())
        {
            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["description"] = "Problem details",
                ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = ProblemRef } } },
            };
        }

        return responses;
    }

    // What a function answers: typed results say it through their endpoint metadata; plain values are a 200 of their type.
    private static List<(int Status, Type? Type)> Produces(MethodInfo method)
    {
        var type = Unwrap(method.ReturnType);
        if (type is null)
        {
            return [(204, null)];
        }

        if (!typeof(IResult).IsAssignableFrom(type))
        {
            return [(200, type)];
        }

        if (!typeof(IEndpointMetadataProvider).IsAssignableFrom(type))
        {
            return [(200, null)];
        }

        var builder = new RouteEndpointBuilder(null, RoutePatternFactory.Parse("/"), 0);
        var populate = type.GetInterfaceMap(typeof(IEndpointMetadataProvider)).TargetMethods[0];
        populate.Invoke(null, [method, builder]);
        return builder.Metadata.OfType<IProducesResponseTypeMetadata>()
            .Select(m => (Status: m.StatusCode, Type: m.Type is { } t && t != typeof(void) && !typeof(IResult).IsAssignableFrom(t) ? t : null))
            .DistinctBy(p => p.Status)
            .ToList();
    }

    private static Type? Unwrap(Type type)
    {
        if (type == typeof(void) || type == typeof(Task) || type == typeof(ValueTask))
        {
            return null;
        }

        return type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? type.GetGenericArguments()[0]
            : type;
    }

    private static JsonNode SchemaRef(Type type, JsonObject schemas, JsonSerializerOptions json)
    {
        var schema = json.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true, TransformSchemaNode = EnumSchema });
        if (RecordShape.For(type) is null)
        {
            return schema;
        }

        schemas[type.Name] = schema;
        return new JsonObject { ["$ref"] = $"#/components/schemas/{type.Name}" };
    }

    // The app's enum converter reads only single names, which the exporter cannot see in a custom converter: the names are listed here.
    private static JsonNode EnumSchema(JsonSchemaExporterContext context, JsonNode schema)
    {
        var type = context.TypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (!underlying.IsEnum || underlying.IsDefined(typeof(FlagsAttribute), inherit: false) || (schema is JsonObject given && given.ContainsKey("enum")))
        {
            return schema;
        }

        // A converter the exporter does not know gives 'true' (any value) or an empty object.
        var node = schema as JsonObject ?? [];

        var names = new JsonArray([.. Enum.GetNames(underlying).Select(n => (JsonNode?)JsonNamingPolicy.CamelCase.ConvertName(n))]);
        if (underlying != type)
        {
            names.Add(null);
        }

        node["enum"] = names;
        return node;
    }

    private static bool IsNullable(ParameterInfo parameter) =>
        parameter.ParameterType.IsValueType
            ? Nullable.GetUnderlyingType(parameter.ParameterType) is not null
            : new NullabilityInfoContext().Create(parameter).WriteState == NullabilityState.Nullable;

    private static string OpenApiPath(string routePattern) =>
        "/" + string.Join("/", RoutePatternFactory.Parse(routePattern).PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

    private static JsonObject EventsPath() => new()
    {
        ["get"] = new JsonObject
        {
            ["operationId"] = "Events",
            ["summary"] = "Server-Sent Events stream of named events (viewer key; the 'code' query parameter is accepted for EventSource)",
            ["parameters"] = new JsonArray(new JsonObject { ["name"] = "lastEventId", ["in"] = "query", ["required"] = false, ["schema"] = new JsonObject { ["type"] = "integer" } }),
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "Event stream", ["content"] = new JsonObject { ["text/event-stream"] = new JsonObject() } } },
            ["security"] = new JsonArray(new JsonObject { ["functionKey"] = new JsonArray() }, new JsonObject { ["functionKeyQuery"] = new JsonArray() }),
            ["x-required-role"] = RoleNames.Of(Role.Viewer),
        },
    };

    private static JsonObject ProblemSchema() => JsonNode.Parse("""
        {
          "type": "object",
          "required": ["status", "code", "detail", "requestId"],
          "properties": {
            "type": { "type": "string" },
            "title": { "type": "string" },
            "status": { "type": "integer" },
            "detail": { "type": "string" },
            "instance": { "type": "string" },
            "code": { "type": "string" },
            "requestId": { "type": "string" },
            "traceId": { "type": "string" },
            "errors": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": { "field": { "type": "string" }, "code": { "type": "string" }, "message": { "type": "string" } }
              }
            }
          }
        }
        """)!.AsObject();
}
