using System.Text.Json;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Events;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Invocation;
using GoldAnalytics.Runtime.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GoldAnalytics.Runtime.Hosting;

/// <summary>The HTTP functions of the catalogue, mapped under the route prefix.</summary>
public sealed record HttpFunctionTable(IReadOnlyList<HttpFunction> Functions, string RoutePrefix);

/// <summary>
/// Composes the functions runtime into a host: <c>builder.AddFunctionsRuntime(...)</c> registers the
/// catalogue, the invoker, keys, events and host.json settings; trigger sources (timers, blobs, durable)
/// add their hosted services after it and find <see cref="FunctionCatalogue"/>, <see cref="IFunctionDispatcher"/>
/// and <see cref="HostSettings"/> in the services.
/// </summary>
public static class FunctionsRuntimeBuilder
{
    /// <summary>Adds the runtime; reads local.settings.json and host.json now, so a bad setting stops start-up here.</summary>
    public static IHostApplicationBuilder AddFunctionsRuntime(this IHostApplicationBuilder builder, Action<FunctionsRuntimeOptions> configure)
    {
        var options = new FunctionsRuntimeOptions();
        configure(options);
        AddLocalSettings(builder.Configuration, options.LocalSettingsPath);
        var settings = options.HostJson is { } text
            ? HostSettingsReader.Parse(text, builder.Configuration)
            : HostSettingsReader.Load(builder.Configuration["GA_HOST_JSON"] ?? options.HostJsonPath, builder.Configuration);
        ApplyLogLevels(builder.Logging, settings.Logging);

        var environment = FunctionsEnvironment.From(builder.Configuration);
        var catalogue = FunctionCatalogue.Discover([.. options.Assemblies]);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(settings);
        services.AddSingleton(environment);
        services.AddSingleton(catalogue);
        services.AddSingleton(HttpTable(catalogue, settings.Extensions.Http.RoutePrefix));
        services.AddSingleton(new InvocationOptions(settings.FunctionTimeout, FunctionJson.Options));
        services.AddSingleton<FunctionInvoker>();
        services.AddSingleton<IFunctionDispatcher>(sp => sp.GetRequiredService<FunctionInvoker>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(environment.RequireDatabase()));
        services.AddSingleton<KeyStore>();
        services.AddSingleton<KeyAuthenticator>();
        services.AddSingleton<IEventStream>(new EventStream(FunctionJson.Options));
        services.AddHostedService<MigrationsOnStart>();
        services.AddHostedService<KeyChangeListener>();
        services.AddHostedService<FunctionListing>();
        AddWeb(services, settings.Extensions.Http);
        return builder;
    }

    /// <summary>The host.json settings and environment the runtime was added with, for trigger sources registered after it.</summary>
    public static (HostSettings Settings, FunctionsEnvironment Environment) RuntimeSettings(this IServiceCollection services) =>
        (Instance<HostSettings>(services), Instance<FunctionsEnvironment>(services));

    private static T Instance<T>(IServiceCollection services) =>
        services.LastOrDefault(d => d.ServiceType == typeof(T))?.ImplementationInstance is T instance
            ? instance
            : throw new InvalidOperationException($"Call AddFunctionsRuntime before registering trigger sources: {typeof(T).Name} is not registered yet.");

    private static void AddWeb(IServiceCollection services, HttpSettings http)
    {
        services.ConfigureHttpJsonOptions(o => FunctionJson.Configure(o.SerializerOptions));
        services.Configure<KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = http.MaxRequestBodySize);
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Append("application/problem+json");
        });
        if (http.Cors.AllowedOrigins.Count > 0)
        {
            services.AddCors(o => o.AddDefaultPolicy(policy =>
            {
                policy.WithOrigins([.. http.Cors.AllowedOrigins]).AllowAnyMethod()
                    .WithHeaders(KeyAuthenticator.HeaderName, "content-type", "last-event-id")
                    .WithExposedHeaders("x-request-id", "location");
                if (http.Cors.SupportCredentials)
                {
                    policy.AllowCredentials();
                }
            }));
        }
    }

    private static HttpFunctionTable HttpTable(FunctionCatalogue catalogue, string routePrefix)
    {
        var functions = catalogue.WithTrigger<HttpTriggerAttribute>().Select(x => HttpFunction.From(x.Function, x.Trigger, routePrefix)).ToList();
        var clash = functions
            .SelectMany(f => (f.Trigger.Methods.Count == 0 ? ["*"] : f.Trigger.Methods).Select(m => (Function: f, Key: $"{m} {RoutePatternFactory.Parse(f.RoutePattern).RawText?.ToUpperInvariant()}")))
            .GroupBy(x => x.Key)
            .FirstOrDefault(g => g.Count() > 1);
        return clash is null
            ? new HttpFunctionTable(functions, routePrefix)
            : throw new InvalidOperationException($"HTTP functions {string.Join(" and ", clash.Select(c => c.Function.Name))} both answer {clash.Key}; give one of them another route.");
    }

    private static void AddLocalSettings(IConfigurationManager configuration, string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        Dictionary<string, string?> values;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            values = document.RootElement.TryGetProperty("Values", out var found) && found.ValueKind == JsonValueKind.Object
                ? found.EnumerateObject().ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())
                : [];
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{Path.GetFullPath(path)} is not valid JSON (line {e.LineNumber + 1}); fix or delete it.", e);
        }

        // Lowest precedence: real environment variables win over the file.
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = values });
    }

    private static void ApplyLogLevels(ILoggingBuilder logging, LoggingSettings settings)
    {
        foreach (var (category, level) in settings.LogLevel)
        {
            if (string.Equals(category, "default", StringComparison.OrdinalIgnoreCase))
            {
                // A rule with a level, not a predicate: loggers then compare levels instead of calling a
                // delegate on every IsEnabled, which the request path asks many times per request.
                logging.SetMinimumLevel(level);
                logging.AddFilter(category: null, level);
            }
            else
            {
                logging.AddFilter(category, level);
            }
        }
    }
}
