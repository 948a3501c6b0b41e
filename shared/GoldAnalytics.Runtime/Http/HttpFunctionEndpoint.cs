using System.Text.Json;
using System.Threading.RateLimiting;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Keys;
using Microsoft.AspNetCore.Http;

namespace GoldAnalytics.Runtime.Http;

/// <summary>The request handler of one HTTP function: key and role, binding, the invoker, the response.</summary>
internal sealed class HttpFunctionEndpoint(HttpFunction function, IFunctionDispatcher dispatcher, KeyAuthenticator keys, long maxBodySize, JsonSerializerOptions json, ConcurrencyLimiter? limiter)
{
    private readonly HttpRequestBinder _binder = new(function, maxBodySize, json);

    public Task HandleAsync(HttpContext http) => limiter is null ? RunAsync(http) : RunLimitedAsync(http, limiter);

    private async Task RunLimitedAsync(HttpContext http, ConcurrencyLimiter limiter)
    {
        using var lease = await limiter.AcquireAsync(1, http.RequestAborted);
        if (!lease.IsAcquired)
        {
            throw new ProblemException(429, ProblemCodes.TooManyRequests, "The host is at its limit of concurrent requests (extensions.http.maxConcurrentRequests); retry shortly.");
        }

        await RunAsync(http);
    }

    private async Task RunAsync(HttpContext http)
    {
        await keys.AuthorizeAsync(http, function.Trigger.AuthLevel, function.RoleFor(http.Request.Method));
        var data = await _binder.BindAsync(http);
        var result = await dispatcher.DispatchAsync(new FunctionInvocation(function.Name, http.Request, data), http.RequestAborted);
        await WriteAsync(http, result);
    }

    private Task WriteAsync(HttpContext http, object? result)
    {
        if (http.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        switch (result)
        {
            case IResult typed:
                return typed.ExecuteAsync(http);
            case null:
                http.Response.StatusCode = StatusCodes.Status204NoContent;
                return Task.CompletedTask;
            default:
                return http.Response.WriteAsJsonAsync(result, result.GetType(), json, "application/json; charset=utf-8", http.RequestAborted);
        }
    }
}
