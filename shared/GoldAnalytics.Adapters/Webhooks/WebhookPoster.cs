using System.Diagnostics;
using System.Net.Http.Headers;

namespace GoldAnalytics.Adapters.Webhooks;

/// <summary>One delivery to post: where, the JSON body, the secret to sign it with and the ids receivers deduplicate on.</summary>
public sealed record WebhookPost(Uri Url, byte[] Body, string Secret, string DeliveryId, string EventKind);

/// <summary>How a post went: the receiver's status (null when none came) or the error, and how long it took.</summary>
public sealed record WebhookResult(int? StatusCode, string? Error, TimeSpan Duration)
{
    /// <summary>A 2xx answer; anything else is retried.</summary>
    public bool Delivered => StatusCode is >= 200 and < 300;
}

/// <summary>Posts signed deliveries with a timeout; never throws for what the receiver does.</summary>
public sealed class WebhookPoster(HttpClient client, TimeSpan timeout)
{
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
        timeoutSource.CancelAfter(timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token);
            return new WebhookResult((int)response.StatusCode, response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", clock.Elapsed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookResult(null, $"No answer within {timeout.TotalSeconds:0.#} s", clock.Elapsed);
        }
        catch (HttpRequestException exception)
        {
            return new WebhookResult(null, exception.Message, clock.Elapsed);
        }
    }
}
