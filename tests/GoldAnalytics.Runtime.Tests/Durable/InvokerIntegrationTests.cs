using System.Net;
using System.Net.Http.Json;
using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Runtime.Hosting;
using GoldAnalytics.Runtime.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace GoldAnalytics.Runtime.Tests.Durable;

/// <summary>The engine running orchestrations and activities through the runtime's one invoker, as the product host does.</summary>
public sealed class InvokerIntegrationTests : IAsyncLifetime
{
    private readonly DurableDatabase _database = new();
    private RuntimeHost _host = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        // A one-second function timeout: orchestrations span durable waits and must not be cut by it.
        _host = await RuntimeHost.StartAsync(
            _database.ConnectionString,
            hostJson: """{ "version": "2.0", "functionTimeout": "00:00:01" }""",
            configure: builder => builder.Services.AddDurableTask(configure: o => o.ConnectionString = _database.ConnectionString),
            runtime: options => options.Migrations.Add(DurableMigrations.Set));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task An_http_function_with_a_durable_client_starts_an_orchestration_that_the_invoker_runs_to_completion()
    {
        var key = await _host.KeyAsync(Role.Staff);

        var response = await _host.Client.SendAsync(RuntimeHost.Request(HttpMethod.Post, "/api/greetings/Lisbon", key));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var started = await response.Content.ReadFromJsonAsync<StartedGreeting>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await _host.Services.GetRequiredService<DurableTaskClient>()
            .WaitForInstanceCompletionAsync(started!.InstanceId, getInputsAndOutputs: true, timeout.Token);
        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        done.ReadOutputAs<string>().Should().Be("Hello Lisbon, after a pause!");
    }
}
