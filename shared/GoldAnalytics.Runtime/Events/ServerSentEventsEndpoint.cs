using System.Globalization;
using System.Text;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace GoldAnalytics.Runtime.Events;

/// <summary>
/// <c>GET /api/events</c>: a Server-Sent Events stream of <see cref="IEventStream"/> for viewer keys
/// (header or <c>code</c>, since EventSource cannot set headers), replaying from Last-Event-ID and
/// sending a heartbeat comment so proxies keep the connection open.
/// </summary>
internal sealed class ServerSentEventsEndpoint(IEventStream events, KeyAuthenticator keys, TimeSpan heartbeat)
{
    private static readonly HashSet<string> AllowedQuery = new([KeyAuthenticator.QueryParameter, "lastEventId"], StringComparer.OrdinalIgnoreCase);

    public async Task HandleAsync(HttpContext http)
    {
        await keys.AuthorizeAsync(http, AuthorizationLevel.Function, Role.Viewer);
        var unknown = http.Request.Query.Keys.FirstOrDefault(k => !AllowedQuery.Contains(k));
        if (unknown is not null)
        {
            throw new ProblemException(400, ProblemCodes.UnknownQueryParameter, $"Unknown query parameter '{unknown}'; allowed: code, lastEventId.");
        }

        var lastEventId = LastEventId(http.Request);
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";

        using var subscription = events.Subscribe(lastEventId);
        var aborted = http.RequestAborted;
        await WriteAsync(http, "retry: 3000\n: connected\n\n", aborted);
        foreach (var item in subscription.Backlog)
        {
            await WriteAsync(http, Format(item), aborted);
        }

        try
        {
            await PumpAsync(http, subscription, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The browser closed the stream; nothing to answer.
        }
    }

    private async Task PumpAsync(HttpContext http, EventSubscription subscription, CancellationToken aborted)
    {
        while (!aborted.IsCancellationRequested)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            wait.CancelAfter(heartbeat);
            try
            {
                if (!await subscription.Live.WaitToReadAsync(wait.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
            {
                await WriteAsync(http, ": heartbeat\n\n", aborted);
                continue;
            }

            while (subscription.Live.TryRead(out var item))
            {
                await WriteAsync(http, Format(item), aborted);
            }
        }
    }

    private static long? LastEventId(HttpRequest request)
    {
        var text = request.Headers["Last-Event-ID"].FirstOrDefault() ?? request.Query["lastEventId"].FirstOrDefault();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ProblemException(400, ProblemCodes.WrongType, $"Last-Event-ID must be the numeric id of an event received before (got '{(text.Length > 20 ? text[..20] : text)}').");
    }

    private static string Format(ServerEvent item) => $"id: {item.Id}\nevent: {item.Name}\ndata: {item.Data}\n\n";

    private static async Task WriteAsync(HttpContext http, string text, CancellationToken cancellationToken)
    {
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }
}
