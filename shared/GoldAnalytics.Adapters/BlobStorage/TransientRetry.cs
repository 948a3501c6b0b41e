using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace GoldAnalytics.Adapters.BlobStorage;

/// <summary>Bounded exponential retries of failures that go away by themselves: no connection, timeouts, 408, 429, 500, 502, 503, 504.</summary>
internal sealed class TransientRetry(BlobStorageOptions options, ILogger logger)
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = Math.Max(0, options.MaxAttempts - 1),
            Delay = options.FirstRetryDelay,
            MaxDelay = TimeSpan.FromSeconds(10),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                .Handle<HttpRequestException>()
                .Handle<IOException>()
                .Handle<TaskCanceledException>(e => e.InnerException is TimeoutException)
                .HandleResult(response => IsTransient(response.StatusCode)),
            OnRetry = args =>
            {
                logger.LogWarning(args.Outcome.Exception,
                    "Blob storage request failed ({Status}); retry {Attempt} in {Delay}",
                    args.Outcome.Result?.StatusCode.ToString() ?? args.Outcome.Exception?.GetType().Name, args.AttemptNumber + 1, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    public ValueTask<HttpResponseMessage> ExecuteAsync(Func<CancellationToken, ValueTask<HttpResponseMessage>> send, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(send, cancellationToken);

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
