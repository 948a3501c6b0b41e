using System.Threading.RateLimiting;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Events;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;
using GoldAnalytics.Runtime.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GoldAnalytics.Runtime.Hosting;

/// <summary>Maps the runtime onto the web app: security headers, problem responses, compression, CORS, static site, HTTP functions, OpenAPI, events.</summary>
public static class FunctionsRuntimeApp
{
    /// <summary>Adds the runtime's middleware and maps every HTTP function under the route prefix.</summary>
    public static WebApplication MapFunctions(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<HostSettings>().Extensions.Http;
        var table = app.Services.GetRequiredService<HttpFunctionTable>();
        var environment = app.Services.GetRequiredService<FunctionsEnvironment>();

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<ProblemsMiddleware>();
        app.UseResponseCompression();
        if (settings.Cors.AllowedOrigins.Count > 0)
        {
            app.UseCors();
        }

        var site = StaticSite.Find(environment.StaticWeb);
        site?.UseFiles(app);
        app.UseRouting();
        if (site is not null)
        {
            app.Use(site.FallbackToIndex(table.RoutePrefix));
        }

        MapHttpFunctions(app, table, settings);
        MapRuntimeEndpoints(app, table);
        return app;
    }

    private static void MapHttpFunctions(WebApplication app, HttpFunctionTable table, HttpSettings settings)
    {
        var dispatcher = app.Services.GetRequiredService<IFunctionDispatcher>();
        var keys = app.Services.GetRequiredService<KeyAuthenticator>();
        var limiter = settings.MaxConcurrentRequests > 0
            ? new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = settings.MaxConcurrentRequests,
                QueueLimit = settings.MaxOutstandingRequests < 0 ? int.MaxValue : settings.MaxOutstandingRequests,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            })
            : null;
        foreach (var function in table.Functions)
        {
            var endpoint = new HttpFunctionEndpoint(function, dispatcher, keys, settings.MaxRequestBodySize, FunctionJson.Options, limiter);
            RequestDelegate handler = endpoint.HandleAsync;
            var builder = function.Trigger.Methods.Count == 0
                ? app.Map(function.RoutePattern, handler)
                : app.MapMethods(function.RoutePattern, function.Trigger.Methods, handler);
            builder.WithDisplayName($"Functions.{function.Name}").WithMetadata(function);
        }
    }

    private static void MapRuntimeEndpoints(WebApplication app, HttpFunctionTable table)
    {
        var prefix = table.RoutePrefix.Length == 0 ? "" : "/" + table.RoutePrefix;
        var keys = app.Services.GetRequiredService<KeyAuthenticator>();
        var document = new Lazy<string>(() => OpenApiDocument.Build(table.Functions, table.RoutePrefix, FunctionJson.Options).ToJsonString());
        // The document lists every route with the role it needs: a map for whoever probes the API, so only key holders get it.
        app.MapGet($"{prefix}/openapi.json", async (HttpContext http) =>
        {
            await keys.AuthorizeAsync(http, AuthorizationLevel.Function, Role.Viewer);
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(document.Value, http.RequestAborted);
        }).WithDisplayName("OpenApiDocument");

        var events = new ServerSentEventsEndpoint(
            app.Services.GetRequiredService<IEventStream>(),
            keys,
            app.Services.GetRequiredService<FunctionsRuntimeOptions>().EventHeartbeat);
        RequestDelegate stream = events.HandleAsync;
        app.MapGet($"{prefix}/events", stream).WithDisplayName("Events");
    }
}
