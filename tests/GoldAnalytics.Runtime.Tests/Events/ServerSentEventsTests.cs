using System.Net;
using System.Text;
using GoldAnalytics.Runtime.Events;
using GoldAnalytics.Runtime.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace GoldAnalytics.Runtime.Tests.Events;

public sealed class ServerSentEventsTests : IAsyncLifetime
{
    private readonly RuntimeDatabase _database = new();
    private RuntimeHost _host = null!;
    private string _viewer = "";

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = await RuntimeHost.StartAsync(_database.ConnectionString, runtime: o => o.EventHeartbeat = TimeSpan.FromMilliseconds(300));
        _viewer = await _host.KeyAsync(Role.Viewer);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    private IEventStream Events => _host.Services.GetRequiredService<IEventStream>();

    private async Task<(HttpResponseMessage Response, StreamReader Reader)> OpenAsync(string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);

        // Browsers always offer compression; the stream must still flush event by event.
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await _host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return (response, new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8));
    }

    private static async Task<string> ReadUntilAsync(StreamReader reader, string marker)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var text = new StringBuilder();
        while (!text.ToString().Contains(marker, StringComparison.Ordinal))
        {
            var line = await reader.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                break;
            }

            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    [Fact]
    public async Task Published_events_reach_an_open_stream_as_named_events_with_json_data()
    {
        var (response, reader) = await OpenAsync($"/api/events?code={_viewer}");
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        await ReadUntilAsync(reader, ": connected");

        var published = Events.Publish("kpi.updated", new { Metric = "revenue", Value = 99.5m });

        var text = await ReadUntilAsync(reader, "data:");
        text.Should().Contain($"id: {published.Id}\nevent: kpi.updated\ndata: {{\"metric\":\"revenue\",\"value\":99.5}}\n");
    }

    [Fact]
    public async Task A_reconnect_with_last_event_id_replays_what_was_missed()
    {
        var first = Events.Publish("sale.created", 1);
        Events.Publish("sale.created", 2);
        var third = Events.Publish("sale.created", 3);

        var (_, reader) = await OpenAsync($"/api/events?code={_viewer}", lastEventId: first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var text = await ReadUntilAsync(reader, $"id: {third.Id}");
        text.Should().NotContain($"id: {first.Id}\n").And.Contain($"id: {first.Id + 1}\n");
    }

    [Fact]
    public async Task An_idle_stream_gets_heartbeat_comments()
    {
        var (_, reader) = await OpenAsync($"/api/events?code={_viewer}");

        (await ReadUntilAsync(reader, ": heartbeat")).Should().Contain(": heartbeat");
    }

    [Fact]
    public async Task The_stream_needs_a_key()
    {
        var (response, _) = await OpenAsync("/api/events");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "missing_key");
    }

    [Fact]
    public async Task A_last_event_id_that_is_not_a_number_is_a_bad_request()
    {
        var (response, _) = await OpenAsync($"/api/events?code={_viewer}", lastEventId: "yesterday");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "wrong_type");
    }
}
