using GoldAnalytics.Runtime.Hosting;
using GoldAnalytics.Runtime.Invocation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GoldAnalytics.Runtime.Http;

/// <summary>
/// Turns every failure into a problem response: known exceptions into their 4xx, anything else into a
/// 500 that tells nothing of the internals but is logged with the request id; violated database
/// constraints into the problem the options name for them (a unique violation is always a 409);
/// and empty 404/405 answers from routing into problems too.
/// </summary>
internal sealed partial class ProblemsMiddleware(RequestDelegate next, ILogger<ProblemsMiddleware> logger, FunctionsRuntimeOptions options)
{
    public async Task InvokeAsync(HttpContext http)
    {
        http.Response.Headers["x-request-id"] = http.TraceIdentifier;
        try
        {
            await next(http);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
            return;
        }
        catch (Exception e)
        {
            await AnswerAsync(http, e);
            return;
        }

        await AnswerEmptyErrorAsync(http);
    }

    private Task AnswerAsync(HttpContext http, Exception e)
    {
        switch (e)
        {
            case ProblemException problem:
                return Problems.WriteAsync(http, problem);
            case FunctionBindingException binding:
                return Problems.WriteAsync(http, 400, binding.Code, binding.Message, [new FieldError(binding.Parameter, binding.Code, binding.Message)]);
            case FunctionTimeoutException timeout:
                LogTimeout(logger, timeout.FunctionName, http.TraceIdentifier);
                return Problems.WriteAsync(http, 504, ProblemCodes.FunctionTimeout, "The function did not finish in time; try again later or ask for a smaller result.");
            case PostgresException database when ConstraintProblemOf(database) is { } constraint:
                return Problems.WriteAsync(http, constraint.Status, constraint.Code, constraint.Detail,
                    constraint.Field.Length > 0 ? [new FieldError(constraint.Field, constraint.Code, constraint.Detail)] : null);
            case BadHttpRequestException bad:
                return Problems.WriteAsync(http, bad.StatusCode,
                    bad.StatusCode == 413 ? ProblemCodes.BodyTooLarge : ProblemCodes.BadRequest,
                    bad.StatusCode == 413 ? "The body is larger than this host accepts; send less data per request." : "The request could not be read; check its framing and headers.");
            default:
                LogUnhandled(logger, e, http.Request.Method, http.Request.Path, http.TraceIdentifier);
                return Problems.WriteAsync(http, 500, ProblemCodes.InternalError,
                    $"Something went wrong on our side. It has been logged; quote request id {http.TraceIdentifier} when reporting it.");
        }
    }

    // The request lost a race its own checks could not see (two creates of one code): the constraint answers for it.
    private ConstraintProblem? ConstraintProblemOf(PostgresException e) =>
        e.ConstraintName is { } name && options.ConstraintProblems.TryGetValue(name, out var known) ? known
        : e.SqlState == PostgresErrorCodes.UniqueViolation ? new ConstraintProblem(409, ProblemCodes.DuplicateValue, "", "Another record already has a value this one must not share; read the current data and choose another.")
        : null;

    private static Task AnswerEmptyErrorAsync(HttpContext http)
    {
        if (http.Response.HasStarted || http.Response.ContentLength > 0 || http.Response.ContentType is not null)
        {
            return Task.CompletedTask;
        }

        return http.Response.StatusCode switch
        {
            404 => Problems.WriteAsync(http, 404, ProblemCodes.NotFound, $"Nothing is at {http.Request.Method} {http.Request.Path}; see /api/openapi.json for the routes."),
            405 => Problems.WriteAsync(http, 405, ProblemCodes.MethodNotAllowed, $"{http.Request.Method} is not allowed on {http.Request.Path}; the Allow header lists the methods that are."),
            _ => Task.CompletedTask,
        };
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path} (RequestId={RequestId})")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path, string requestId);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Function {FunctionName} timed out (RequestId={RequestId})")]
    private static partial void LogTimeout(ILogger logger, string functionName, string requestId);
}
