using System.Net;
using System.Text.Json;
using GoldAnalytics.Runtime.Tests.Http;
using Xunit.Abstractions;

namespace GoldAnalytics.Functions.Tests.Fuzz;

/// <summary>
/// Every operation of the OpenAPI document, with hostile values in otherwise plausible requests: no answer is a
/// 5xx, every refusal is a problem with a code and leaves every table as it was, whatever was accepted reads
/// back, and no date outside 1900–2100 ends up stored.
/// </summary>
public sealed class HostileValueFuzzTests(HostileValueHost host, ITestOutputHelper output) : IClassFixture<HostileValueHost>
{
    // Operations whose plausible request is refused by design, with the reason.
    private static readonly Dictionary<string, string> RefusedBaselines = new()
    {
        ["ImportCsv"] = "its body is a CSV file, which the suite does not send",
        ["OutboxRedeliver"] = "the suite's plausible subscriber and event do not exist",
        ["RedeliverWebhook"] = "the plausible delivery does not exist",
        ["ImportJobStatus"] = "the plausible job does not exist",
        ["ImportRecord"] = "the plausible import does not exist",
        ["ImportRejectedRows"] = "the plausible import does not exist",
        ["ForecastRunStatus"] = "the plausible run does not exist",
        ["DeleteTarget"] = "the plausible target is set by another operation's case, if at all",
        ["DeleteGoldRate"] = "the plausible rate is set by another operation's case, if at all",
        ["ForecastSeries"] = "no forecast run has completed on the entry shop",
        ["ForecastSeriesList"] = "no forecast run has completed on the entry shop",
        ["StockRecommendations"] = "no forecast run has completed on the entry shop",
    };

    // Each case fuzzes the operations the document lists for one HTTP function of the app.
    [Theory]
    [MemberData(nameof(HttpFuzzTests.HttpFunctions), MemberType = typeof(HttpFuzzTests))]
    public async Task Hostile_values_are_refused_with_a_problem_and_write_nothing(string function)
    {
        var operations = host.Operations.Where(o => o.OperationId == function).ToList();
        operations.Should().NotBeEmpty($"the OpenAPI document lists {function}");
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var sent = 0;
        foreach (var operation in operations)
        {
            await host.EnsureRecordsAsync();
            if (operation.Path.StartsWith("/api/sales/refunds", StringComparison.Ordinal) || operation.Path.StartsWith("/api/sales/invoices/", StringComparison.Ordinal))
            {
                // A refund needs a line with pieces left to refund, and a deletion an invoice without refunds: a new invoice each time.
                host.Forget("/api/sales/invoices");
                await host.EnsureRecordsAsync();
            }

            foreach (var request in HostileVariants.For(operation, host.Plausible).ToList())
            {
                sent++;
                var status = await SendAndCheckAsync(operation, request, failures);
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
            }
        }

        failures.AddRange((await host.DatesOutOfRangeAsync()).Select(c => "stored out of range: " + c));
        output.WriteLine($"{function}: {sent} requests; statuses {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}");
        failures.ForEach(output.WriteLine);
        failures.Should().BeEmpty("each is listed in the test's output");
    }

    private async Task<int> SendAndCheckAsync(OpenApiOperation operation, HostileRequest request, List<string> failures)
    {
        var before = _counts ??= await host.SettledCountsAsync();
        using var response = await host.SendAsync(request.Method, request.PathAndQuery, request.Json);
        var status = (int)response.StatusCode;
        var streaming = response.Content.Headers.ContentType?.MediaType == "text/event-stream";
        var body = streaming ? "" : await response.Content.ReadAsStringAsync();
        if (status >= 500)
        {
            failures.Add($"{status} for {request}: {Shorten(body)}");
            return status;
        }

        if (request.IsBaseline && status >= 400 && !RefusedBaselines.ContainsKey(operation.OperationId))
        {
            failures.Add($"the plausible request was refused ({status}), so the hostile ones may not reach the handler: {request}: {Shorten(body)}");
        }

        if (status >= 400)
        {
            if (MalformedRequests.CodeOf(response, body) is null)
            {
                failures.Add($"{status} without a problem code for {request}: {Shorten(body)}");
            }

            var after = await host.CountsAsync();
            foreach (var (table, count) in after.Where(a => before.GetValueOrDefault(a.Key) != a.Value))
            {
                failures.Add($"{status} for {request} but {table} went from {before.GetValueOrDefault(table)} to {count} rows");
                _counts = null;
            }

            return status;
        }

        _counts = null;
        await ReadBackAsync(operation, request, response, body, failures);
        return status;
    }

    // What a write accepted must read back; a DELETE's record is gone and is made again for the next case.
    private async Task ReadBackAsync(OpenApiOperation operation, HostileRequest request, HttpResponseMessage response, string body, List<string> failures)
    {
        var collection = HostileValueHost.Collections.FirstOrDefault(c => c == PlausibleRequests.CollectionOf(operation.Path));
        if (operation.Method == "DELETE" && collection is not null)
        {
            host.Forget(collection);
            return;
        }

        if (operation.Method == "POST" && collection == operation.Path && body.Length > 0)
        {
            host.Remember(collection, JsonDocument.Parse(body).RootElement);
        }

        if (response.Headers.Location is { } location && host.Operations.Any(o => o.Method == "GET" && Matches(o.Path, location.OriginalString)))
        {
            using var read = await host.SendAsync("GET", location.OriginalString, null);
            if (read.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{request} was accepted, but reading it back at {location} answered {(int)read.StatusCode}: {Shorten(await read.Content.ReadAsStringAsync())}");
            }
        }
    }

    // The counts every refusal is compared with; read again after anything was accepted.
    private Dictionary<string, long>? _counts;

    private static bool Matches(string template, string path) =>
        System.Text.RegularExpressions.Regex.IsMatch(path, "^" + System.Text.RegularExpressions.Regex.Replace(template, "\\{[^}]+\\}", "[^/]+") + "$");

    private static string Shorten(string text) => text.Length > 400 ? text[..400] + "…" : text;
}
