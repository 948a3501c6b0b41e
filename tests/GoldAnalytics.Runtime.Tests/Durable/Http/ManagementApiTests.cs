using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Runtime.Durable.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GoldAnalytics.Runtime.Tests.Durable.Http;

/// <summary>The management API over real HTTP (Kestrel on a free port) and the real store.</summary>
public sealed class ManagementApiTests : IAsyncLifetime, IDisposable
{
    private const string AdminKey = "test-admin-key";
    private readonly DurableDatabase _database = new();
    private WebApplication? _app;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        DurableTestHost.AddTestDurable(builder.Services, _database.ConnectionString, _ => { });
        _app = builder.Build();
        _app.MapDurableTaskManagement(context => ValueTask.FromResult(context.Request.Headers["x-functions-key"] == AdminKey));
        _app.MapPost("/api/reorders", async (HttpRequest request, DurableTaskClient client) =>
            client.CreateCheckStatusResponse(request, await client.ScheduleNewOrchestrationInstanceAsync("WaitsForever")));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
        _http.DefaultRequestHeaders.Add("x-functions-key", AdminKey);
    }

    public void Dispose() => _http.Dispose();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Starting_returns_202_with_a_location_and_the_management_urls()
    {
        var response = await _http.PostAsJsonAsync("/runtime/webhooks/durabletask/orchestrators/HelloCities/hello-1", new List<string> { "Dubai" });

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var payload = await response.Content.ReadFromJsonAsync<JsonElement>();
        payload.GetProperty("id").GetString().Should().Be("hello-1");
        var status = payload.GetProperty("statusQueryGetUri").GetString()!;
        response.Headers.Location!.ToString().Should().Be(status);
        status.Should().EndWith("/runtime/webhooks/durabletask/instances/hello-1");
        payload.GetProperty("sendEventPostUri").GetString().Should().EndWith("/instances/hello-1/raiseEvent/{eventName}");
        foreach (var uri in new[] { "terminatePostUri", "purgeHistoryDeleteUri", "suspendPostUri", "resumePostUri" })
        {
            payload.GetProperty(uri).GetString().Should().StartWith(status);
        }
    }

    [Fact]
    public async Task Status_is_202_while_running_and_200_with_output_history_and_input_when_completed()
    {
        await _http.PostAsJsonAsync("/runtime/webhooks/durabletask/orchestrators/HelloCities/hello-2", new List<string> { "Doha" });

        var completed = await PollUntilAsync("/runtime/webhooks/durabletask/instances/hello-2?showHistory=true&showHistoryOutput=true&showInput=true", HttpStatusCode.OK);

        var body = await completed.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("runtimeStatus").GetString().Should().Be("Completed");
        body.GetProperty("output")[0].GetString().Should().Be("Hello Doha!");
        body.GetProperty("input")[0].GetString().Should().Be("Doha");
        body.GetProperty("historyEvents").EnumerateArray().Select(e => e.GetProperty("type").GetString()).Should().Contain(["ExecutionStarted", "TaskScheduled", "TaskCompleted", "ExecutionCompleted"]);
        var running = await _http.PostAsync("/api/reorders", null);
        var location = running.Headers.Location!;
        (await _http.GetAsync(location)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _http.GetAsync("/runtime/webhooks/durabletask/instances/nobody")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Raise_suspend_resume_and_terminate_return_202_then_410_once_finished()
    {
        var started = await (await _http.PostAsync("/api/reorders", null)).Content.ReadFromJsonAsync<JsonElement>();
        var instance = started.GetProperty("statusQueryGetUri").GetString()!;

        (await _http.PostAsJsonAsync($"{instance}/raiseEvent/Tick", "scan")).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _http.PostAsync($"{instance}/suspend?reason=audit", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await PollStatusAsync(instance, "Suspended")).Should().BeTrue();
        (await _http.PostAsync($"{instance}/resume?reason=done", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _http.PostAsync($"{instance}/terminate?reason=closing", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var terminated = await PollUntilAsync(instance, HttpStatusCode.OK);
        var body = await terminated.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("runtimeStatus").GetString().Should().Be("Terminated");
        body.GetProperty("output").GetString().Should().Be("closing");
        (await _http.PostAsJsonAsync($"{instance}/raiseEvent/Tick", "late")).StatusCode.Should().Be(HttpStatusCode.Gone);
        (await _http.PostAsync($"{instance}/terminate", null)).StatusCode.Should().Be(HttpStatusCode.Gone);
        (await _http.PostAsync("/runtime/webhooks/durabletask/instances/nobody/terminate", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var badJson = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        (await _http.PostAsync($"{instance}/raiseEvent/Tick", badJson)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Purge_deletes_a_finished_instance_once_and_by_filter()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O");
        await _http.PostAsJsonAsync("/runtime/webhooks/durabletask/orchestrators/HelloCities/purge-1", new List<string> { "Kuwait" });
        await _http.PostAsJsonAsync("/runtime/webhooks/durabletask/orchestrators/HelloCities/purge-2", new List<string> { "Basra" });
        await PollUntilAsync("/runtime/webhooks/durabletask/instances/purge-1", HttpStatusCode.OK);
        await PollUntilAsync("/runtime/webhooks/durabletask/instances/purge-2", HttpStatusCode.OK);

        (await _http.DeleteAsync("/runtime/webhooks/durabletask/instances/purge-1")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _http.DeleteAsync("/runtime/webhooks/durabletask/instances/purge-1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var many = await _http.DeleteAsync($"/runtime/webhooks/durabletask/instances?createdTimeFrom={Uri.EscapeDataString(since)}&runtimeStatus=Completed");
        many.StatusCode.Should().Be(HttpStatusCode.OK);
        (await many.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instancesDeleted").GetInt32().Should().Be(1);
        (await _http.DeleteAsync($"/runtime/webhooks/durabletask/instances?createdTimeFrom={Uri.EscapeDataString(since)}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Listing_pages_with_the_continuation_header()
    {
        for (var i = 0; i < 3; i++)
        {
            await _http.PostAsJsonAsync($"/runtime/webhooks/durabletask/orchestrators/HelloCities/list-{i}", new List<string> { "Aden" });
        }

        var first = await _http.GetAsync("/runtime/webhooks/durabletask/instances?instanceIdPrefix=list-&top=2");
        var token = first.Headers.GetValues("x-ms-continuation-token").Single();
        using var next = new HttpRequestMessage(HttpMethod.Get, "/runtime/webhooks/durabletask/instances?instanceIdPrefix=list-&top=2");
        next.Headers.Add("x-ms-continuation-token", token);
        var second = await _http.SendAsync(next);

        (await first.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength().Should().Be(2);
        (await second.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength().Should().Be(1);
        second.Headers.Contains("x-ms-continuation-token").Should().BeFalse();
    }

    [Fact]
    public async Task Requests_without_the_admin_key_are_refused()
    {
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };

        var response = await anonymous.GetAsync("/runtime/webhooks/durabletask/instances");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private async Task<HttpResponseMessage> PollUntilAsync(string url, HttpStatusCode status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var response = await _http.GetAsync(url);
            if (response.StatusCode == status || DateTime.UtcNow > deadline)
            {
                return response;
            }

            await Task.Delay(50);
        }
    }

    private async Task<bool> PollStatusAsync(string url, string runtimeStatus)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var body = await (await _http.GetAsync(url)).Content.ReadFromJsonAsync<JsonElement>();
            if (body.GetProperty("runtimeStatus").GetString() == runtimeStatus)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
