using GoldAnalytics.Runtime.Hosting;
using GoldAnalytics.Runtime.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Benchmarks.Http;

/// <summary>The two servers compared: the functions runtime with a keyed function, and a bare minimal API endpoint.</summary>
internal static class BenchHosts
{
    // Both hosts log warnings and above only, so neither pays for per-request console output.
    private const string HostJson = """{ "version": "2.0", "logging": { "logLevel": { "default": "Warning" } } }""";

    public static async Task<(WebApplication App, string Url, string Key)> StartRuntimeAsync(string connectionString, bool inProcess = false)
    {
        var builder = CreateBuilder(inProcess);
        builder.Configuration["GA_DATABASE"] = connectionString;
        builder.AddFunctionsRuntime(options =>
        {
            options.Assemblies.Add(typeof(PingFunction).Assembly);
            options.HostJson = HostJson;
            options.Listing = null;
            options.LocalSettingsPath = Path.Combine(Path.GetTempPath(), "none", "local.settings.json");
            options.Migrations.Add(RuntimeMigrations.Runtime);
        });
        var app = builder.Build();
        app.MapFunctions();
        await app.StartAsync();
        var key = await app.Services.GetRequiredService<KeyStore>().CreateAsync("benchmark", Role.Viewer);
        return (app, $"{Address(app)}/api/bench/ping", key.Secret);
    }

    public static async Task<(WebApplication App, string Url)> StartBareAsync(bool inProcess = false)
    {
        var builder = CreateBuilder(inProcess);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapGet("/bare/ping", () => TypedResults.Ok("pong"));
        await app.StartAsync();
        return (app, $"{Address(app)}/bare/ping");
    }

    // In process, requests skip sockets and Kestrel: only the pipeline behind the server is measured.
    private static WebApplicationBuilder CreateBuilder(bool inProcess)
    {
        var builder = WebApplication.CreateBuilder();
        if (inProcess)
        {
            builder.Services.AddSingleton<IServer, InProcessServer>();
        }
        else
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }

        return builder;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.First().TrimEnd('/') ?? "";
}
