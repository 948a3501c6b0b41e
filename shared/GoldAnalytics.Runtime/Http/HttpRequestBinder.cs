using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace GoldAnalytics.Runtime.Http;

/// <summary>
/// Turns a request into the binding data of its function: route values and query values as text
/// (the invoker converts them), and the JSON body validated and deserialised into its record.
/// </summary>
internal sealed class HttpRequestBinder(HttpFunction function, long maxBodySize, JsonSerializerOptions json)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    private static readonly Dictionary<string, object?> Nothing = [];

    private readonly System.Reflection.NullabilityInfo? _bodyNullability =
        function.BodyParameter is { } body ? new System.Reflection.NullabilityInfoContext().Create(body) : null;

    public ValueTask<IReadOnlyDictionary<string, object?>> BindAsync(HttpContext http)
    {
        // The query string itself, not Request.Query: parsing an absent query would still cost a feature per request.
        if (function.BodyParameter is null && !http.Request.QueryString.HasValue && http.Request.RouteValues.Count == 0)
        {
            return ValueTask.FromResult<IReadOnlyDictionary<string, object?>>(Nothing);
        }

        var data = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in http.Request.RouteValues)
        {
            data[name] = value;
        }

        BindQuery(http.Request, data);
        return function.BodyParameter is { } body ? BindBodyAsync(http.Request, body, data) : ValueTask.FromResult<IReadOnlyDictionary<string, object?>>(data);
    }

    private async ValueTask<IReadOnlyDictionary<string, object?>> BindBodyAsync(HttpRequest request, System.Reflection.ParameterInfo body, Dictionary<string, object?> data)
    {
        data[body.Name!] = await ReadBodyAsync(request, body.ParameterType, IsOptional(body));
        return data;
    }

    private void BindQuery(HttpRequest request, Dictionary<string, object?> data)
    {
        List<string>? unknown = null;
        foreach (var key in request.Query.Keys)
        {
            if (!function.AllowedQuery.Contains(key))
            {
                (unknown ??= []).Add(key);
            }
        }

        if (unknown is not null && !function.Trigger.AllowUndeclaredQuery)
        {
            var allowed = function.QueryParameters.Count == 0 ? "this endpoint takes no query parameters" : $"allowed: {string.Join(", ", function.QueryParameters.Select(p => p.Name))}";
            throw new ProblemException(400, ProblemCodes.UnknownQueryParameter,
                $"Unknown query parameter{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{Clip(u)}'"))}; {allowed}.",
                [.. unknown.Select(u => new FieldError(Clip(u), ProblemCodes.UnknownQueryParameter, $"Remove '{Clip(u)}'."))]);
        }

        foreach (var parameter in function.QueryParameters)
        {
            if (request.Query.TryGetValue(parameter.Name!, out var values))
            {
                data[parameter.Name!] = values.Count == 1 ? values[0] : values.ToArray();
            }
        }
    }

    private async Task<object?> ReadBodyAsync(HttpRequest request, Type type, bool optional)
    {
        if (request.ContentLength > maxBodySize)
        {
            throw TooLarge();
        }

        var bytes = await ReadLimitedAsync(request);
        if (bytes.Length == 0)
        {
            return optional ? null : throw new ProblemException(400, ProblemCodes.MissingBody, "This endpoint needs a JSON body (Content-Type: application/json).");
        }

        if (!IsJson(request.ContentType))
        {
            throw new ProblemException(415, ProblemCodes.UnsupportedMediaType,
                $"Send the body as JSON with Content-Type: application/json (got '{Clip(request.ContentType ?? "none")}').");
        }

        using var document = Parse(bytes);
        var errors = JsonShapeValidator.Validate(document.RootElement, type, json, _bodyNullability);
        if (errors.Count > 0)
        {
            throw new ProblemException(422, errors[0].Code, $"The body has {errors.Count} invalid field{(errors.Count > 1 ? "s" : "")}: {string.Join(" ", errors.Select(e => e.Message))}", errors);
        }

        try
        {
            return document.RootElement.Deserialize(type, json);
        }
        catch (JsonException e)
        {
            throw new ProblemException(422, ProblemCodes.WrongType, $"The body does not match the expected shape at {e.Path ?? "$"}.");
        }
    }

    private async Task<byte[]> ReadLimitedAsync(HttpRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            var memory = buffer.GetMemory(16 * 1024);
            var read = await request.Body.ReadAsync(memory, request.HttpContext.RequestAborted);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBodySize)
            {
                throw TooLarge();
            }
        }
    }

    private static JsonDocument Parse(byte[] bytes)
    {
        try
        {
            return JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : "";
            throw new ProblemException(400, ProblemCodes.MalformedJson, $"The body is not valid JSON{where}; send a single JSON value encoded as UTF-8.");
        }
    }

    private ProblemException TooLarge() =>
        new(413, ProblemCodes.BodyTooLarge, $"The body is larger than the {maxBodySize} bytes this host accepts (extensions.http.maxRequestBodySize); send less data per request.");

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.HasValue
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.MediaType.Value!.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private static bool IsOptional(System.Reflection.ParameterInfo parameter) =>
        parameter.HasDefaultValue || new System.Reflection.NullabilityInfoContext().Create(parameter).WriteState == System.Reflection.NullabilityState.Nullable;

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
