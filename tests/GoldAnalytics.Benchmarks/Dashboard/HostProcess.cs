using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using GoldAnalytics.Functions;
using GoldAnalytics.Functions.Kpis.WarmUp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace GoldAnalytics.Benchmarks.Dashboard;

/// <summary>
/// The function host under measurement, in a process of its own so that a cold run starts with nothing warm (JIT,
/// connection pool, KPI caches). It serves the built dashboard over the given database without applying migrations,
/// optionally in read-only sessions so that nothing in a shared database can change.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private const string ListeningPrefix = "dashboard-host listening on ";

    private readonly Process _process;

    private HostProcess(Process process, Uri address, long startedAt)
    {
        _process = process;
        Address = address;
        StartedAt = startedAt;
        ListeningAfter = Stopwatch.GetElapsedTime(startedAt);
    }

    public Uri Address { get; }

    /// <summary>When the process was started (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public long StartedAt { get; }

    /// <summary>From process start until the host listened.</summary>
    public TimeSpan ListeningAfter { get; }

    /// <summary>
    /// Polls <c>/api/health/ready</c> until the host reports its KPI engines warm (200), and returns how long
    /// after the process start that was, with the host's own report (its clock, per-engine timings).
    /// </summary>
    public async Task<(TimeSpan After, JsonObject Report)> WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            using var response = await client.GetAsync(new Uri("api/health/ready", UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                var after = Stopwatch.GetElapsedTime(StartedAt);
                return (after, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"The host did not report ready within {timeout.TotalSeconds:F0} s (last answer {(int)response.StatusCode}).");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>The hidden <c>dashboard host</c> command the benchmark starts itself with.</summary>
    public static Command CreateCommand()
    {
        var hostJson = new Option<string>("--host-json") { Description = "host.json of the app", Required = true };
        var command = new Command("host", "The function host the dashboard benchmark measures (GA_DATABASE, GA_STATIC_WEB from the environment)") { hostJson };
        command.Hidden = true;
        command.SetAction(async (parse, ct) =>
        {
            await ServeAsync(parse.GetValue(hostJson)!, ct);
            return 0;
        });
        return command;
    }

    /// <summary>Starts the host in a new process and waits until it listens.</summary>
    public static async Task<HostProcess> StartAsync(string connectionString, bool readOnly, bool warmUp, string site, string hostJsonPath, string logPath)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(HostProcess).Assembly.Location);
        }

        foreach (var argument in new[] { "dashboard", "host", "--host-json", hostJsonPath })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GA_DATABASE"] = readOnly ? ReadOnly(connectionString) : connectionString;
        start.Environment["GA_STATIC_WEB"] = site;
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment[KpiWarmUpOptions.EnabledSetting] = warmUp ? "true" : "false";
        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException("The host process did not start.");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith(ListeningPrefix, StringComparison.Ordinal))
            {
                listening.TrySetResult(new Uri(line[ListeningPrefix.Length..]));
            }

            Write(log, e.Data);
        };
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The host exited with {process.ExitCode} before listening; see {logPath}."));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(120));
        return new HostProcess(process, address, startedAt);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>Every transaction of the host's sessions is read-only: a write anywhere fails instead of changing the database.</summary>
    public static string ReadOnly(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = $"{builder.Options} -c default_transaction_read_only=on".Trim();
        return builder.ConnectionString;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private static async Task ServeAsync(string hostJsonPath, CancellationToken cancellationToken)
    {
        // The app's own host.json, logging only warnings (request logging is not what is measured) and the warm-up's timings.
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(hostJsonPath, cancellationToken))!.AsObject();
        settings["logging"] = new JsonObject { ["logLevel"] = new JsonObject { ["default"] = "Warning", [typeof(KpiWarmUp).FullName!] = "Information" } };
        var app = FunctionApp.Build([], builder => builder.WebHost.UseUrls("http://127.0.0.1:0"), options =>
        {
            options.HostJson = settings.ToJsonString();
            options.LocalSettingsPath = Path.Combine(Path.GetTempPath(), "none", "local.settings.json");
            options.Listing = null;
            options.Migrations.Clear();
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine(ListeningPrefix + address.TrimEnd('/') + "/");
        await app.WaitForShutdownAsync(cancellationToken);
    }
}
