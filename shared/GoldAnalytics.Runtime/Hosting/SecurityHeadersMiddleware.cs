using Microsoft.AspNetCore.Http;

namespace GoldAnalytics.Runtime.Hosting;

/// <summary>
/// Puts the browser security headers on every response, problems and static files included: no MIME sniffing, no
/// referrer, no framing, and a content security policy: the dashboard's for HTML, nothing-loads for everything else.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>
    /// The dashboard's own scripts, styles and API (fetch and the event stream) only. Inline styles are allowed because
    /// ECharts writes its tooltips as HTML with style attributes; data: and blob: images are the favicon and PNG exports.
    /// </summary>
    public const string DashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>JSON, problems, events, scripts: none of them is a page, so opened as one it may load nothing.</summary>
    public const string ResourcePolicy = "default-src 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext http)
    {
        // Set as the headers go out, so they are on whatever answer is written by then, a problem that cleared the response too.
        http.Response.OnStarting(static state =>
        {
            var response = ((HttpContext)state).Response;
            var headers = response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = IsHtml(response.ContentType) ? DashboardPolicy : ResourcePolicy;
            return Task.CompletedTask;
        }, http);
        return next(http);
    }

    // A 304 for index.html carries its content type too (the static file middleware sets it), so a revalidated page
    // keeps the dashboard's policy rather than taking the stricter one.
    private static bool IsHtml(string? contentType) => contentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
}
