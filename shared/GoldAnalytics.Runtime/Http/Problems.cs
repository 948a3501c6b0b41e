using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace GoldAnalytics.Runtime.Http;

/// <summary>Writes RFC 7807 problem responses with the stable code and the request's ids.</summary>
public static class Problems
{
    /// <summary>A problem result a function can return, e.g. <c>Problems.Result(404, "not_found", "No key with id ...")</c>.</summary>
    public static IResult Result(int status, string code, string detail, IReadOnlyList<FieldError>? errors = null) =>
        new ProblemResult(status, code, detail, errors ?? []);

    /// <summary>Writes the problem unless the response has already started.</summary>
    public static Task WriteAsync(HttpContext http, int status, string code, string detail, IReadOnlyList<FieldError>? errors = null) =>
        http.Response.HasStarted ? Task.CompletedTask : Result(status, code, detail, errors).ExecuteAsync(http);

    /// <summary>Writes the problem an exception carries.</summary>
    public static Task WriteAsync(HttpContext http, ProblemException problem) =>
        WriteAsync(http, problem.Status, problem.Code, problem.Message, problem.Errors);

    private sealed class ProblemResult(int status, string code, string detail, IReadOnlyList<FieldError> errors) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var details = new ProblemDetails { Status = status, Detail = detail, Instance = httpContext.Request.Path };
            details.Extensions["code"] = code;
            details.Extensions["requestId"] = httpContext.TraceIdentifier;
            details.Extensions["traceId"] = Activity.Current?.Id ?? httpContext.TraceIdentifier;
            if (errors.Count > 0)
            {
                details.Extensions["errors"] = errors;
            }

            return TypedResults.Problem(details).ExecuteAsync(httpContext);
        }
    }
}
