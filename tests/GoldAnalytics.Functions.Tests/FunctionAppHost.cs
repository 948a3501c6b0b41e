using Dapper;
using GoldAnalytics.Functions.Kpis.WarmUp;
using GoldAnalytics.Runtime.Keys;
using GoldAnalytics.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GoldAnalytics.Functions.Tests;

/// <summary>The real function app, in process, on its own empty database (the host applies the migrations at start).</summary>
public class FunctionAppHost : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public WebApplication App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string ConnectionString => _database.ConnectionString;

    public string AdminKey { get; private set; } = "";

    /// <summary>Settings a test class changes (GA_* names, GA_HOST:... overrides).</summary>
    protected virtual IDictionary<string, string> Settings => new Dictionary<string, string>();

    public virtual async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await BeforeStartAsync(_database.ConnectionString);
        App = FunctionApp.Build([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Configuration["GA_DATABASE"] = _database.ConnectionString;
            builder.Configuration["GA_BLOB_ENDPOINT"] = TestServices.BlobEndpoint.ToString();
            builder.Configuration["GA_SMTP_HOST"] = TestServices.Smtp.Host;
            builder.Configuration["GA_SMTP_PORT"] = TestServices.Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            builder.Configuration["GA_STATIC_WEB"] = Path.Combine(Path.GetTempPath(), "ga-no-site");

            // Most test classes load their data after the host started, behind the KPI engines' back:
            // engines warmed on the empty database would not know. The warm-up tests turn it on.
            builder.Configuration[KpiWarmUpOptions.EnabledSetting] = "false";
            foreach (var (key, value) in Settings)
            {
                builder.Configuration[key] = value;
            }
        }, options =>
        {
            options.HostJsonPath = Path.Combine(RepositoryRoot(), "host.json");
            options.LocalSettingsPath = Path.Combine(Path.GetTempPath(), "none", "local.settings.json");
            options.Listing = null;
        });
        await BeforeHostStartsAsync(App);
        await App.StartAsync();
        Client = App.GetTestClient();
        AdminKey = (await App.Services.GetRequiredService<KeyStore>().BootstrapAsync("test-admin")).Secret;
    }

    /// <summary>Runs on the empty database before the host starts (a test class may migrate and fill it, or set up timers).</summary>
    protected virtual Task BeforeStartAsync(string connectionString) => Task.CompletedTask;

    /// <summary>Runs on the built host before it starts (a test class may take hold of a service first).</summary>
    protected virtual Task BeforeHostStartsAsync(WebApplication app) => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Creates a key with the role and returns its secret.</summary>
    public async Task<string> KeyAsync(Role role) => (await App.Services.GetRequiredService<KeyStore>().CreateAsync($"test-{RoleNames.Of(role)}", role)).Secret;

    /// <summary>Rows in every table of every application schema, to prove requests wrote nothing.</summary>
    public async Task<IReadOnlyDictionary<string, long>> RowCountsAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await OutboxIdleAsync(connection);
        var tables = await connection.QueryAsync<string>("""
            SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
            """);
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            // Table names come from the catalogue, not from input.
#pragma warning disable CA2100
            counts[table] = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
#pragma warning restore CA2100
        }

        return counts;
    }

    // The outbox's subscribers bring rollups and caches up to date after each write, in the background:
    // counting waits until every event is settled, so only the request under test can move a count.
    private static async Task OutboxIdleAsync(NpgsqlConnection connection)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM outbox_events WHERE delivered_at IS NULL)") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GoldAnalytics.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Repository root (GoldAnalytics.sln) not found above " + AppContext.BaseDirectory);
    }
}
