using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Runtime.Hosting;
using GoldAnalytics.Runtime.Keys;
using GoldAnalytics.Runtime.Tests.Samples;
using GoldAnalytics.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GoldAnalytics.Runtime.Tests;

/// <summary>The runtime hosting the sample functions of this test project, in process, on its own database.</summary>
public sealed class RuntimeHost : IAsyncDisposable
{
    public const string DefaultHostJson = """{ "version": "2.0" }""";

    private RuntimeHost(WebApplication app, StringWriter listing)
    {
        App = app;
        Listing = listing;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public StringWriter Listing { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<RuntimeHost> StartAsync(
        string connectionString,
        string hostJson = DefaultHostJson,
        Action<WebApplicationBuilder>? configure = null,
        Action<FunctionsRuntimeOptions>? runtime = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration["GA_DATABASE"] = connectionString;
        builder.Configuration["GA_STATIC_WEB"] = Path.Combine(Path.GetTempPath(), "ga-no-site-" + Guid.NewGuid().ToString("N"));
        configure?.Invoke(builder);
        var listing = new StringWriter();
        builder.AddFunctionsRuntime(options =>
        {
            options.Assemblies.Add(typeof(HttpSamples).Assembly);
            options.HostJson = hostJson;
            options.LocalSettingsPath = Path.Combine(Path.GetTempPath(), "none", "local.settings.json");
            options.Listing = listing;
            options.Migrations.Add(RuntimeMigrations.Runtime);
            runtime?.Invoke(options);
        });
        builder.Services.AddSingleton<GoldRates>();
        builder.Services.AddSingleton<DisposalLog>();
        var app = builder.Build();
        app.MapFunctions();
        await app.StartAsync();
        return new RuntimeHost(app, listing);
    }

    /// <summary>Creates a key with this role and returns its secret.</summary>
    public async Task<string> KeyAsync(Role role, string? name = null) =>
        (await Services.GetRequiredService<KeyStore>().CreateAsync(name ?? $"test-{RoleNames.Of(role)}", role)).Secret;

    /// <summary>A request carrying a key in the x-functions-key header.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string? key = null, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Add(KeyAuthenticator.HeaderName, key);
        }

        return request;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>One database and one running host per test class, with a key for every role.</summary>
public sealed class RuntimeHostFixture : IAsyncLifetime
{
    private readonly RuntimeDatabase _database = new();

    public RuntimeHost Host { get; private set; } = null!;

    public string ConnectionString => _database.ConnectionString;

    public IReadOnlyDictionary<Role, string> Keys { get; private set; } = new Dictionary<Role, string>();

    public HttpClient Client => Host.Client;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Host = await RuntimeHost.StartAsync(_database.ConnectionString);
        var keys = new Dictionary<Role, string>();
        foreach (var role in Enum.GetValues<Role>())
        {
            keys[role] = await Host.KeyAsync(role);
        }

        Keys = keys;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _database.DisposeAsync();
    }
}
