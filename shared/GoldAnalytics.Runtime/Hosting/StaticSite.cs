using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace GoldAnalytics.Runtime.Hosting;

/// <summary>The built dashboard (GA_STATIC_WEB) served at <c>/</c>, with index.html for client-side routes.</summary>
internal sealed class StaticSite(PhysicalFileProvider files)
{
    /// <summary>The site in <paramref name="folder"/>, or null when it has not been built.</summary>
    public static StaticSite? Find(string folder)
    {
        var full = Path.GetFullPath(folder);
        return Directory.Exists(full) && File.Exists(Path.Combine(full, "index.html")) ? new StaticSite(new PhysicalFileProvider(full)) : null;
    }

    public void UseFiles(WebApplication app)
    {
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
    }

    /// <summary>Answers GET requests no route matched, outside the API and not for a file (a path with an extension), with index.html.</summary>
    public Func<HttpContext, RequestDelegate, Task> FallbackToIndex(string routePrefix)
    {
        var api = new PathString(routePrefix.Length == 0 ? "/__none__" : "/" + routePrefix);
        return (http, next) =>
        {
            if (http.GetEndpoint() is not null || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) || http.Request.Path.StartsWithSegments(api)
                || Path.HasExtension(http.Request.Path.Value))
            {
                return next(http);
            }

            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.CacheControl = "no-cache";
            return http.Response.SendFileAsync(files.GetFileInfo("index.html"), http.RequestAborted);
        };
    }
}
