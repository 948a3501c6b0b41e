using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Dapper;
using GoldAnalytics.Functions.Tests.Entry;
using GoldAnalytics.Testing;
using Npgsql;

namespace GoldAnalytics.Functions.Tests.Live;

/// <summary>
/// The real executable is killed (SIGKILL) after acknowledging a sale and before delivering its event;
/// the next host started on the same database delivers it.
/// </summary>
public sealed class HostCrashTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("ga-crash-").FullName;

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_workingDirectory, recursive: true);
    }

    [Fact]
    public async Task An_event_committed_by_a_host_killed_before_delivering_it_is_delivered_by_the_next_host()
    {
        var key = (await RunToEndAsync("keys", "bootstrap", "--name", "crash-test")).Trim();
        await using (var connection = new NpgsqlConnection(_database.ConnectionString))
        {
            await connection.ExecuteAsync(EntryHost.SeedSql);
        }

        var firstPort = FreePort();
        using (var first = Start(firstPort, dispatch: false))
        {
            using var client = await ReadyClientAsync(firstPort, key);
            var sale = await client.PostAsJsonAsync("/api/sales/quick-sale", new { branchId = 1, salespersonId = 1, businessDate = "2026-11-20", items = new[] { new { productId = 3 } } });
            sale.StatusCode.Should().Be(HttpStatusCode.Created, await sale.Content.ReadAsStringAsync());
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        (await PendingAsync()).Should().Be(1, "the killed host acknowledged the sale but never delivered its event");

        var secondPort = FreePort();
        using var second = Start(secondPort, dispatch: true);
        try
        {
            using var client = await ReadyClientAsync(secondPort, key);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (await PendingAsync() > 0)
            {
                DateTime.UtcNow.Should().BeBefore(deadline, "the next host delivers pending events when it starts");
                await Task.Delay(100);
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
            request.Headers.Add("Last-Event-ID", "0");
            using var events = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            string? line;
            while ((line = await reader.ReadLineAsync(timeout.Token)) is not null && line != "event: kpis.changed")
            {
            }

            line.Should().Be("event: kpis.changed");
            (await reader.ReadLineAsync(timeout.Token)).Should().Contain("\"kinds\":[\"sales.invoice.created\"]");
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }
    }

    private async Task<long> PendingAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE delivered_at IS NULL");
    }

    private Process Start(int port, bool dispatch)
    {
        var start = Goldanalytics();
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["GA_OUTBOX_DISPATCH"] = dispatch ? "true" : "false";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<HttpClient> ReadyClientAsync(int port, string key)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Add("x-functions-key", key);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await client.GetAsync("/api/keys")).StatusCode == HttpStatusCode.OK)
                {
                    return client;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the host should start within a minute");
            await Task.Delay(200);
        }
    }

    private async Task<string> RunToEndAsync(params string[] arguments)
    {
        var start = Goldanalytics();
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        process.ExitCode.Should().Be(0, await error);
        return await output;
    }

    private ProcessStartInfo Goldanalytics()
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "goldanalytics.dll"));
        start.Environment["GA_DATABASE"] = _database.ConnectionString;
        start.Environment["GA_HOST_JSON"] = RepositoryHostJson();
        start.Environment["GA_BLOB_ENDPOINT"] = TestServices.BlobEndpoint.ToString();
        start.Environment["GA_SMTP_HOST"] = TestServices.Smtp.Host;
        start.Environment["GA_SMTP_PORT"] = TestServices.Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return start;
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
}
