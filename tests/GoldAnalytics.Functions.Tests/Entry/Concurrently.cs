using System.Net;
using System.Text.Json;

namespace GoldAnalytics.Functions.Tests.Entry;

/// <summary>Sends many requests at once (all released together) and sorts their answers.</summary>
public static class Concurrently
{
    /// <summary>Starts <paramref name="count"/> requests, lets them all go at the same moment and waits for every answer.</summary>
    public static async Task<IReadOnlyList<Answer>> SendAsync(int count, Func<int, Task<HttpResponseMessage>> send)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await go.Task;
            using var response = await send(i);
            return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync());
        })).ToList();
        go.SetResult();
        return await Task.WhenAll(requests);
    }

    /// <summary>Asserts that one request created and every other one got a 409 with the code, naming the field.</summary>
    public static void OneCreatedTheRestConflict(IReadOnlyList<Answer> answers, string code, string field)
    {
        answers.Count(a => a.Status == HttpStatusCode.Created).Should().Be(1, string.Join('\n', answers));
        answers.Where(a => a.Status != HttpStatusCode.Created).Should().AllSatisfy(a =>
        {
            a.Status.Should().Be(HttpStatusCode.Conflict, a.ToString());
            a.Code.Should().Be(code);
            a.Fields.Should().Equal(field);
        });
    }

    /// <summary>One answer: its status and body.</summary>
    public sealed record Answer(HttpStatusCode Status, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

        /// <summary>The problem's stable code (null for an answer that is not a problem).</summary>
        public string? Code => Json.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;

        /// <summary>The fields the problem names in its errors.</summary>
        public IReadOnlyList<string> Fields => Json.TryGetProperty("errors", out var errors)
            ? [.. errors.EnumerateArray().Select(e => e.GetProperty("field").GetString()!)]
            : [];

        /// <summary>The codes the problem's errors carry.</summary>
        public IReadOnlyList<string> FieldCodes => Json.TryGetProperty("errors", out var errors)
            ? [.. errors.EnumerateArray().Select(e => e.GetProperty("code").GetString()!)]
            : [];

        public override string ToString() => $"{(int)Status} {Body}";
    }
}
