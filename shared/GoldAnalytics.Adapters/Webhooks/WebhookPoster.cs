using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace GoldAnalytics.Adapters.Webhooks;

/// <summary>One delivery to post: where, the JSON body, the secret to sign it with and the ids receivers deduplicate on.</summary>
public sealed record WebhookPost(Uri Url, byte[] Body, string Secret, string DeliveryId, string EventKind);

/// <summary>How a post went: the receiver's status (null when none came), the classified failure, and how long it took.</summary>
public sealed record WebhookResult(int? StatusCode, WebhookFailure? Failure, TimeSpan Duration)
{
    /// <summary>A 2xx answer; anything else is retried.</summary>
    public bool Delivered => StatusCode is >= 200 and < 300;
}

/// <summary>
/// Posts signed deliveries with a timeout; never throws for what the receiver does. Every connection
/// resolves the host once, checks each address against the policy and connects only to the addresses
/// it checked, so a name that changes its answer between a check and the connection (DNS rebinding)
/// cannot lead the post inside the network. Redirects are not followed (the signature would travel
/// with them) and no proxy is used (it would resolve the host itself).
/// </summary>
public sealed class WebhookPoster : IDisposable
{
    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;

    /// <summary>A poster checking addresses against <paramref name="policy"/> (read at each connection, so a changed allow-list applies to new connections).</summary>
    public WebhookPoster(Func<WebhookAddressPolicy> policy, TimeSpan timeout, HostResolver? resolve = null)
    {
        _timeout = timeout;
        var resolver = resolve ?? WebhookAddressPolicy.SystemResolver;
        _client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            // An open connection was checked when it was made; recycling it lets a changed allow-list reach it too.
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = (context, cancellationToken) => ConnectAsync(policy(), resolver, context.DnsEndPoint, cancellationToken),
        })
        { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Posts the body with its signature, delivery id and event kind headers.</summary>
    public async Task<WebhookResult> PostAsync(WebhookPost post, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, post.Url) { Content = new ByteArrayContent(post.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(post.Secret, now, post.Body));
        request.Headers.Add("GoldAnalytics-Delivery", post.DeliveryId);
        request.Headers.Add("GoldAnalytics-Event", post.EventKind);
        request.Headers.UserAgent.ParseAdd("GoldAnalytics-Webhooks/1.0");
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(_timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token);
            var status = (int)response.StatusCode;
            return new WebhookResult(status, response.IsSuccessStatusCode ? null : WebhookFailures.OfStatus(status), clock.Elapsed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookResult(null, WebhookFailures.OfTimeout(_timeout), clock.Elapsed);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            return new WebhookResult(null, WebhookFailures.Of(exception), clock.Elapsed);
        }
    }

    public void Dispose() => _client.Dispose();

    private static async ValueTask<Stream> ConnectAsync(WebhookAddressPolicy policy, HostResolver resolve, DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var check = await policy.CheckAsync(endPoint.Host, resolve, cancellationToken);
        if (check.Blocked)
        {
            throw new WebhookAddressBlockedException();
        }

        if (check.Unresolved)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        SocketException? last = null;
        foreach (var address in check.Addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }
}
