using System.Net;
using GoldAnalytics.Runtime.Tests.Invocation;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Runtime.Tests.Http;

public sealed class HostLimitsTests : IAsyncLifetime, IDisposable
{
    private readonly RuntimeDatabase _database = new();
    private readonly CapturingLoggerProvider _logs = new();
    private RuntimeHost _host = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = await RuntimeHost.StartAsync(
            _database.ConnectionString,
            """{ "version": "2.0", "functionTimeout": "00:00:00.300", "extensions": { "http": { "maxConcurrentRequests": 1, "maxOutstandingRequests": 0 } } }""",
            builder => builder.Logging.AddProvider(_logs));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task A_function_running_past_the_function_timeout_answers_504()
    {
        var response = await _host.Client.GetAsync("/api/slow");

        await response.ShouldBeProblemAsync(HttpStatusCode.GatewayTimeout, "function_timeout");
    }

    [Fact]
    public async Task Calls_beyond_the_concurrency_limit_are_refused_with_429()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _host.Client.GetAsync("/api/slow")));

        responses.Should().Contain(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests))
        {
            await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
        }
    }

    [Fact]
    public async Task An_unhandled_exception_is_logged_with_the_request_id_it_answered_with()
    {
        var response = await _host.Client.GetAsync("/api/explode");

        var requestId = (await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError, "internal_error")).GetProperty("requestId").GetString()!;
        _logs.Lines.Should().Contain(l => l.Level == LogLevel.Error && l.Message.Contains(requestId, StringComparison.Ordinal));
    }
}
