using System.Reflection;
using System.Text;
using System.Text.Json;
using GoldAnalytics.Runtime.Http;

namespace GoldAnalytics.Runtime.Tests.Http;

/// <summary>
/// Makes malformed requests for an HTTP function: random bytes, JSON of the wrong shape, deep nesting,
/// oversized bodies, bad content types, garbage route and query values, unknown query parameters,
/// wrong methods, bad keys. Shared by the runtime's and the function app's fuzz tests.
/// </summary>
public sealed class MalformedRequests(string validKey, int bodyLimit)
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"];

    private static readonly string[] NastyText =
    [
        "", "abc", "-1", "0", "99999999999999999999999", "1e400", "NaN", "null", "true", "%00", "..%2F..%2Fetc%2Fpasswd",
        "' OR 1=1 --", "<script>alert(1)</script>", "خاتم ذهب", "😀", new string('9', 400), "00000000-0000-0000-0000-000000000000",
        "2026-02-30", "{}", "[]", "%ZZ", "a b", "\u0001\u0002",
    ];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "text/plain", "application/xml", "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded", "application/json; charset=latin1", "application/octet-stream", "garbage/!!", "application/merge-patch+json",
    ];

    /// <summary>Problem codes a run of malformed requests must provoke, proving the requests got past the key check into binding.</summary>
    public static IEnumerable<string> ExpectedCodes(HttpFunction function)
    {
        if (function.Trigger.Methods.Count > 0)
        {
            yield return "method_not_allowed";
        }

        if (function.QueryParameters.Count > 0)
        {
            yield return "wrong_type";
        }
        else if (!function.Trigger.AllowUndeclaredQuery)
        {
            yield return "unknown_query_parameter";
        }

        if (function.Trigger.AuthLevel != AuthorizationLevel.Anonymous)
        {
            yield return "missing_key";
            yield return "invalid_key";
        }

        if (function.BodyParameter is not null)
        {
            yield return "malformed_json";
            yield return "body_too_large";
            yield return "unsupported_media_type";
        }
    }

    /// <summary>Sends <paramref name="count"/> malformed requests; returns what went wrong (5xx, non-problem errors) and the problem codes seen.</summary>
    public async Task<(List<string> Failures, HashSet<string> Codes)> SendAsync(HttpClient client, HttpFunction function, int count, Random random)
    {
        var failures = new List<string>();
        var codes = new HashSet<string>();
        for (var i = 0; i < count; i++)
        {
            using var request = Next(function, random);
            var described = $"{request.Method} {request.RequestUri} [{request.Content?.Headers.ContentType}] ({request.Content?.Headers.ContentLength ?? 0} bytes)";
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{(int)response.StatusCode} for {described}: {body}");
            }
            else if ((int)response.StatusCode >= 400 && request.Method != HttpMethod.Head)
            {
                if (CodeOf(response, body) is { } code)
                {
                    codes.Add(code);
                }
                else
                {
                    failures.Add($"{(int)response.StatusCode} without a problem body for {described}: {body}");
                }
            }
        }

        return (failures, codes);
    }

    /// <summary>A request to the function that is wrong in one or more ways; never a valid call.</summary>
    public HttpRequestMessage Next(HttpFunction function, Random random)
    {
        var method = random.NextDouble() < 0.8 && function.Trigger.Methods.Count > 0
            ? function.Trigger.Methods[random.Next(function.Trigger.Methods.Count)]
            : Methods[random.Next(Methods.Length)];
        var request = new HttpRequestMessage(new HttpMethod(method), Path(function, random) + Query(function, random));
        AddKey(request, random);
        if (method is not ("GET" or "HEAD" or "OPTIONS") || random.NextDouble() < 0.2)
        {
            request.Content = Body(function, random);
        }

        return request;
    }

    private static string Path(HttpFunction function, Random random) =>
        System.Text.RegularExpressions.Regex.Replace(function.RoutePattern, "\\{[^}]+\\}", _ =>
            random.NextDouble() < 0.3 ? Guid.NewGuid().ToString() : Uri.EscapeDataString(NastyText[random.Next(NastyText.Length)]) is { Length: > 0 } text ? text : "x");

    private static string Query(HttpFunction function, Random random)
    {
        var parts = new List<string>();
        var declared = function.QueryParameters.Select(p => p.Name!).ToList();
        var count = random.Next(0, 4);
        for (var i = 0; i < count; i++)
        {
            var name = declared.Count > 0 && random.NextDouble() < 0.6 ? declared[random.Next(declared.Count)] : NastyText[random.Next(NastyText.Length)];
            parts.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(NastyText[random.Next(NastyText.Length)])}");
        }

        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    private void AddKey(HttpRequestMessage request, Random random)
    {
        var roll = random.NextDouble();
        var key = roll switch
        {
            < 0.6 => validKey,
            < 0.7 => null,
            < 0.8 => "ga_" + RandomText(random, 43),
            < 0.9 => RandomText(random, random.Next(1, 300)),
            _ => validKey[..^1] + (validKey[^1] == 'A' ? 'B' : 'A'),
        };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("x-functions-key", key);
        }
    }

    private ByteArrayContent Body(HttpFunction function, Random random)
    {
        var roll = random.Next(6);
        var (bytes, contentType) = roll switch
        {
            0 => (RandomBytes(random, random.Next(0, 2048)), ContentTypes[random.Next(ContentTypes.Length)]),
            1 => (Encoding.UTF8.GetBytes(WrongTypes(function.BodyParameter?.ParameterType, random)), "application/json"),
            2 => (Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)), "application/json"),
            3 => (Encoding.UTF8.GetBytes("{\"x\":\"" + new string('g', bodyLimit + 10) + "\"}"), "application/json"),
            4 => (Encoding.UTF8.GetBytes(WrongTypes(function.BodyParameter?.ParameterType, random)), ContentTypes[2 + random.Next(ContentTypes.Length - 2)]),
            _ => (Encoding.UTF8.GetBytes(NastyText[random.Next(NastyText.Length)]), "application/json"),
        };
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    // A JSON object shaped like the body record with at least one field of the wrong kind or an unknown field: never a valid request.
    private static string WrongTypes(Type? type, Random random)
    {
        var fields = new Dictionary<string, object?>();
        var parameters = type?.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()?.GetParameters() ?? [];
        foreach (var parameter in parameters)
        {
            fields[JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!)] = Plausible(parameter.ParameterType);
        }

        if (fields.Count == 0 || random.NextDouble() < 0.25)
        {
            fields["unexpected" + random.Next(100)] = NastyText[random.Next(NastyText.Length)];
        }
        else
        {
            var broken = fields.Keys.ElementAt(random.Next(fields.Count));
            var parameter = parameters.First(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!) == broken);
            fields[broken] = WrongKind(parameter, random);
        }

        return JsonSerializer.Serialize(fields);
    }

    private static object? Plausible(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => "fuzz",
            _ when type.IsEnum => JsonNamingPolicy.CamelCase.ConvertName(Enum.GetNames(type)[0]),
            _ when type == typeof(bool) => true,
            _ when type == typeof(Guid) => Guid.NewGuid(),
            _ when type == typeof(DateOnly) => "2026-01-31",
            _ when type.IsPrimitive || type == typeof(decimal) => 1,
            _ => new Dictionary<string, object>(),
        };
    }

    private static object WrongKind(ParameterInfo parameter, Random random)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        object[] choices = type == typeof(string) || type == typeof(Guid) || type == typeof(DateOnly)
            ? [12345, true, new[] { 1, 2 }, new Dictionary<string, int> { ["a"] = 1 }]
            : type.IsEnum
                ? [7, "zz_not_a_" + type.Name, false, new[] { "a" }]
                : type.IsPrimitive || type == typeof(decimal)
                    ? ["12", "twelve", new Dictionary<string, int>(), new[] { 1 }]
                    : ["text", 5, new[] { 1 }];
        return choices[random.Next(choices.Length)];
    }

    /// <summary>The problem code of an error answer, or null when it is not a problem body.</summary>
    public static string? CodeOf(HttpResponseMessage response, string body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return null;
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("code", out var code) && document.RootElement.TryGetProperty("requestId", out _)
            ? code.GetString()
            : null;
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string RandomText(Random random, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => (char)random.Next(33, 127))]);
}
