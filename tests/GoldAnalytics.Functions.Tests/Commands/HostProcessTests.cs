using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using GoldAnalytics.Testing;

namespace GoldAnalytics.Functions.Tests.Commands;

/// <summary>The real executable: <c>keys bootstrap</c>, then the host started with no command, on a fresh database.</summary>
public sealed class HostProcessTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("ga-host-").FullName;

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_workingDirectory, recursive: true);
    }

    private ProcessStartInfo Goldanalytics(string hostJson, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "goldanalytics.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GA_DATABASE"] = _database.ConnectionString;
        start.Environment["GA_HOST_JSON"] = hostJson;
        start.Environment["GA_BLOB_ENDPOINT"] = TestServices.BlobEndpoint.ToString();
        start.Environment["GA_SMTP_HOST"] = TestServices.Smtp.Host;
        start.Environment["GA_SMTP_PORT"] = TestServices.Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return start;
    }

    private async Task<(int Exit, string Out, string Error)> RunAsync(string hostJson, params string[] arguments)
    {
        using var process = Process.Start(Goldanalytics(hostJson, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output, await error);
    }

    private static string RepositoryHostJson()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "GoldAnalytics.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory.FullName, "host.json");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Bootstrap_prints_a_fresh_admin_key_and_the_host_lists_its_functions_and_honours_it()
    {
        var first = await RunAsync(RepositoryHostJson(), "keys", "bootstrap", "--name", "dev-admin");
        var second = await RunAsync(RepositoryHostJson(), "keys", "bootstrap", "--name", "dev-admin");
        first.Exit.Should().Be(0, first.Error);
        var oldKey = first.Out.Trim();
        var newKey = second.Out.Trim();
        newKey.Should().StartWith("ga_").And.NotBe(oldKey);

        var port = FreePort();
        var start = Goldanalytics(RepositoryHostJson());
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        using var host = Process.Start(start)!;
        try
        {
            var listing = await ReadListingAsync(host);
            listing.Should().Contain($"  HealthCheck: [GET] http://127.0.0.1:{port}/api/health");
            listing.Should().Contain($"  RevokeKey: [DELETE] http://127.0.0.1:{port}/api/keys/{{id}}");

            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            (await client.GetAsync("/api/health")).StatusCode.Should().Be(HttpStatusCode.OK);
            (await client.GetAsync($"/api/keys?code={newKey}")).StatusCode.Should().Be(HttpStatusCode.OK);
            (await client.GetAsync($"/api/keys?code={oldKey}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task An_invalid_host_json_stops_the_host_with_the_setting_named()
    {
        var hostJson = Path.Combine(_workingDirectory, "host.json");
        await File.WriteAllTextAsync(hostJson, """{ "version": "2.0", "extensions": { "http": { "routePrefix": "api", "maxBodySize": 5 } } }""");

        var (exit, _, error) = await RunAsync(hostJson, "serve");

        exit.Should().Be(2);
        error.Should().Contain("extensions.http.maxBodySize: unknown setting");
    }

    [Fact]
    public async Task Keys_create_makes_a_key_with_the_role_asked_for_and_refuses_unknown_roles()
    {
        var created = await RunAsync(RepositoryHostJson(), "keys", "create", "--name", "analyst laptop", "--role", "analyst");
        var refused = await RunAsync(RepositoryHostJson(), "keys", "create", "--name", "x", "--role", "owner");

        created.Exit.Should().Be(0, created.Error);
        created.Out.Trim().Should().StartWith("ga_");
        created.Error.Should().Contain("(analyst");
        refused.Exit.Should().NotBe(0);
    }

    private static async Task<string> ReadListingAsync(Process host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var text = new StringBuilder();
        while (!timeout.IsCancellationRequested)
        {
            var line = await host.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException($"Host exited: {text}{await host.StandardError.ReadToEndAsync()}");
            text.AppendLine(line);
            if (line.Contains("RevokeKey:", StringComparison.Ordinal))
            {
                return text.ToString();
            }
        }

        throw new TimeoutException(text.ToString());
    }
}
