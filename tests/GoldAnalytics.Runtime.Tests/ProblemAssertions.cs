using System.Net;
using System.Text.Json;

namespace GoldAnalytics.Runtime.Tests;

/// <summary>Reads and checks RFC 7807 answers.</summary>
public static class ProblemAssertions
{
    /// <summary>Asserts the response is a problem with this status and code, and returns its body.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var body = JsonDocument.Parse(text).RootElement.Clone();
        body.GetProperty("code").GetString().Should().Be(code, text);
        body.GetProperty("status").GetInt32().Should().Be((int)status);
        body.GetProperty("requestId").GetString().Should().NotBeNullOrEmpty();
        body.GetProperty("traceId").GetString().Should().NotBeNullOrEmpty();
        body.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
        return body;
    }

    /// <summary>The fields named in a problem's errors list.</summary>
    public static IEnumerable<(string Field, string Code)> Errors(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors)
            ? errors.EnumerateArray().Select(e => (e.GetProperty("field").GetString()!, e.GetProperty("code").GetString()!)).ToList()
            : [];
}
