using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Functions.Tests.Webhooks;

/// <summary>A request the receiver got: its headers and raw body.</summary>
public sealed record ReceivedWebhook(IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset At);

/// <summary>
/// A real HTTP receiver (Kestrel on a free loopback port) that records every post and answers with the
/// planned statuses, then 200; a planned <see cref="Hang"/> answers only after 5 s. While a
/// <see cref="Gate"/> is set, the next answer waits for it.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _planned = new();

    /// <summary>A planned answer that comes too late for the sender's timeout.</summary>
    public const int Hang = 0;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public Uri Url { get; private set; } = null!;

    /// <summary>Holds the next answer until it completes (at most 5 s); used once, then cleared.</summary>
    public Task? Gate { get; set; }

    /// <summary>Starts a receiver answering the planned statuses in order, then 200.</summary>
    public static async Task<WebhookReceiver> StartAsync(params int[] planned)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        foreach (var status in planned)
        {
            receiver._planned.Enqueue(status);
        }

        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            receiver.Received.Enqueue(new ReceivedWebhook(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray(), DateTimeOffset.UtcNow));
            var status = receiver._planned.TryDequeue(out var planned) ? planned : 200;
            if (receiver.Gate is { } gate)
            {
                receiver.Gate = null;
                await gate.WaitAsync(TimeSpan.FromSeconds(5), context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (status == Hang)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                status = 200;
            }

            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
