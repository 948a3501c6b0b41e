using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Hosting;
using GoldAnalytics.Runtime.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GoldAnalytics.Functions.Tests;

/// <summary>The app with a small body limit, so that oversized bodies are cheap to send.</summary>
public sealed class FuzzHost : FunctionAppHost
{
    public const int BodyLimit = 64 * 1024;

    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["GA_HOST:extensions:http:maxRequestBodySize"] = BodyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

public sealed class HttpFuzzTests(FuzzHost host) : IClassFixture<FuzzHost>
{
    private const int RequestsPerFunction = 300;

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

    /// <summary>Every HTTP function of the product, so that new functions are fuzzed without touching this test.</summary>
    public static TheoryData<string> HttpFunctions()
    {
        var data = new TheoryData<string>();
        foreach (var (function, _) in FunctionCatalogue.Discover(typeof(FunctionApp).Assembly).WithTrigger<HttpTriggerAttribute>())
        {
            data.Add(function.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public async Task Hundreds_of_malformed_requests_cause_no_server_error_and_no_write(string functionName)
    {
        var function = host.App.Services.GetRequiredService<HttpFunctionTable>().Functions.Single(f => f.Name == functionName);
        var random = new Random(functionName.Length * 7919 + 20261121);
        var before = await host.RowCountsAsync();
        var failures = new List<string>();
        var codes = new HashSet<string>();

        for (var i = 0; i < RequestsPerFunction; i++)
        {
            using var request = Malformed(function, random);
            var described = $"{request.Method} {request.RequestUri} [{request.Content?.Headers.ContentType}] ({request.Content?.Headers.ContentLength ?? 0} bytes)";
            using var response = await host.Client.SendAsync(request);
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

        failures.Should().BeEmpty();

        // The requests reached past the key check into binding, not just bounced at the door.
        codes.Should().Contain("method_not_allowed");
        if (function.Trigger.AuthLevel != AuthorizationLevel.Anonymous)
        {
            codes.Should().Contain(["missing_key", "invalid_key"]);
        }

        codes.Should().Contain(function.QueryParameters.Count > 0 ? "wrong_type" : "unknown_query_parameter");
        if (function.BodyParameter is not null)
        {
            codes.Should().Contain(["malformed_json", "body_too_large", "unsupported_media_type"]).And.Contain(c => c == "wrong_type" || c == "unknown_field");
        }

        (await host.RowCountsAsync()).Should().Equal(before, "no malformed request may write anything");
    }

    private HttpRequestMessage Malformed(HttpFunction function, Random random)
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
            < 0.6 => host.AdminKey,
            < 0.7 => null,
            < 0.8 => "ga_" + RandomText(random, 43),
            < 0.9 => RandomText(random, random.Next(1, 300)),
            _ => host.AdminKey[..^1] + (host.AdminKey[^1] == 'A' ? 'B' : 'A'),
        };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("x-functions-key", key);
        }
    }

    private static ByteArrayContent Body(HttpFunction function, Random random)
    {
        var roll = random.Next(6);
        var (bytes, contentType) = roll switch
        {
            0 => (RandomBytes(random, random.Next(0, 2048)), ContentTypes[random.Next(ContentTypes.Length)]),
            1 => (Encoding.UTF8.GetBytes(WrongTypes(function.BodyParameter?.ParameterType, random)), "application/json"),
            2 => (Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)), "application/json"),
            3 => (Encoding.UTF8.GetBytes("{\"x\":\"" + new string('g', FuzzHost.BodyLimit + 10) + "\"}"), "application/json"),
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

    private static string? CodeOf(HttpResponseMessage response, string body)
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
