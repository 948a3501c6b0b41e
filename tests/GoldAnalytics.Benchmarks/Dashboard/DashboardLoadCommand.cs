using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using GoldAnalytics.Runtime.Keys;
using Microsoft.Playwright;
using Npgsql;

namespace GoldAnalytics.Benchmarks.Dashboard;

/// <summary>
/// <c>goldanalytics-bench dashboard</c>: how long the overview takes to become interactive in headless Chromium,
/// against a host (this build) over a seeded database, each load in a fresh browser context: the first page right
/// after a new host process listens (not waiting for anything), the first page on another new host once it reports
/// its KPI engines warm (with the time from process start to ready), and warm loads on the last host.
/// </summary>
internal static class DashboardLoadCommand
{
    private const double BudgetMs = 1500;

    public static Command Create()
    {
        var connection = new Option<string>("--connection") { Description = "Seeded shop database (a viewer key is created unless --key is given)", Required = true };
        var readOnly = new Option<bool>("--read-only") { Description = "Serve from read-only sessions, so nothing in the database can change (the KPI rollups must then be up to date)" };
        var key = new Option<string?>("--key") { Description = "An existing viewer (or higher) key of that database, so no key is created" };
        var cold = new Option<int>("--cold") { Description = "Cold runs: each starts a host and loads at once, then starts another and loads once it reports ready", DefaultValueFactory = _ => 3 };
        var warm = new Option<int>("--warm") { Description = "Warm loads on the last host", DefaultValueFactory = _ => 10 };
        var path = new Option<string>("--path") { Description = "Overview address to open, e.g. /?range=365d", DefaultValueFactory = _ => "/" };
        var noWarmUp = new Option<bool>("--no-warm-up") { Description = "Start the hosts with GA_KPI_WARMUP=false (every engine fills on its first request), to compare" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds a load may take before it counts as failed (a host gets five times as long to report ready)", DefaultValueFactory = _ => 60 };
        var chromium = new Option<string>("--chromium") { Description = "Chromium executable", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GA_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium" };
        var command = new Command("dashboard", "Dashboard overview: navigation to interactive in headless Chromium, right after a host starts, once it is ready, and warm, with the API calls of each load")
        {
            connection, key, readOnly, noWarmUp, cold, warm, path, timeout, chromium, HostProcess.CreateCommand(),
        };
        command.SetAction(async (parse, _) =>
        {
            var settings = new Settings(parse.GetValue(connection)!, parse.GetValue(key), parse.GetValue(cold), parse.GetValue(warm), parse.GetValue(path)!,
                TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(chromium)!, parse.GetValue(readOnly), !parse.GetValue(noWarmUp));
            return await RunAsync(settings);
        });
        return command;
    }

    private sealed record Settings(string Connection, string? Key, int Cold, int Warm, string Path, TimeSpan Timeout, string Chromium, bool ReadOnly, bool WarmUp);

    private static async Task<int> RunAsync(Settings settings)
    {
        var root = RepositoryRoot();
        var site = System.IO.Path.Combine(root, "static-web", "dist");
        if (!File.Exists(System.IO.Path.Combine(site, "index.html")))
        {
            await Console.Error.WriteLineAsync($"The dashboard is not built: run `npm run build` in {System.IO.Path.Combine(root, "static-web")}.");
            return 2;
        }

        if (settings.ReadOnly && await DirtyDaysAsync(settings.Connection) is > 0 and var dirty)
        {
            await Console.Error.WriteLineAsync($"The KPI rollups have {dirty} days to bring up to date; the KPI engine does that on the first read, which the read-only host cannot. " +
                "Make one KPI request on a writable host over this database (or run goldanalytics-bench kpis), then measure.");
            return 2;
        }

        var logFolder = System.IO.Path.Combine(root, ".data", "bench");
        Directory.CreateDirectory(logFolder);
        var log = System.IO.Path.Combine(logFolder, "dashboard-host.log");
        var key = settings.Key ?? await CreateKeyAsync(settings.Connection);
        Console.WriteLine($"build: {BuildConfiguration()}   load average at start: {LoadSummary.LoadAverage()}   KPI warm-up: {(settings.WarmUp ? "on" : "off (GA_KPI_WARMUP=false)")}");
        Console.WriteLine($"site: {site}   page: {settings.Path}   host log: {log}");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = settings.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var probe = new OverviewProbe(browser, settings.Timeout);
        var hostJson = System.IO.Path.Combine(root, "host.json");
        Task<HostProcess> StartHostAsync() => HostProcess.StartAsync(settings.Connection, settings.ReadOnly, settings.WarmUp, site, hostJson, log);

        var summary = new LoadSummary();
        for (var run = 1; run <= settings.Cold; run++)
        {
            // The first page as soon as the host listens: it competes with the warm-up, or waits for the fill it started.
            await using (var host = await StartHostAsync())
            {
                var load = await probe.LoadAsync(host.Address, settings.Path, key);
                if (run == 1 && load.Error is not null && !await KeyWorksAsync(host.Address, key))
                {
                    await Console.Error.WriteLineAsync("The key is refused (GET /api/keys/current); pass a key of this database with --key, or none to create one.");
                    return 2;
                }

                summary.AtStart.Add(load);
                LoadSummary.Report($"start {run}", load, string.Create(CultureInfo.InvariantCulture, $"host listening {host.ListeningAfter.TotalMilliseconds:F0} ms after process start"));
            }

            // The first page on another fresh host, once it reports its KPI engines warm.
            await using var readyHost = await StartHostAsync();
            var (readyAfter, report) = await readyHost.WaitUntilReadyAsync(settings.Timeout * 5);
            summary.AddReady(readyHost.ListeningAfter, readyAfter, report);
            var readyLoad = await probe.LoadAsync(readyHost.Address, settings.Path, key);
            summary.AfterReady.Add(readyLoad);
            LoadSummary.Report($"ready {run}", readyLoad, string.Create(CultureInfo.InvariantCulture,
                $"host ready {readyAfter.TotalMilliseconds:F0} ms after process start (its own clock: {report["readyAfterMs"]?.ToString() ?? "-"} ms; {report["status"]})"));
            if (run == settings.Cold)
            {
                for (var w = 1; w <= settings.Warm; w++)
                {
                    var warmLoad = await probe.LoadAsync(readyHost.Address, settings.Path, key);
                    summary.Warm.Add(warmLoad);
                    LoadSummary.Report($"warm {w}", warmLoad, "");
                }
            }
        }

        summary.Print(BudgetMs);
        return summary.AnyFailed ? 1 : 0;
    }

    // Asked only after a failed first load, so the cold measurement starts on a host nothing has called.
    private static async Task<bool> KeyWorksAsync(Uri host, string key)
    {
        using var client = new HttpClient { BaseAddress = host };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/keys/current");
        request.Headers.Add("x-functions-key", key);
        using var response = await client.SendAsync(request);
        return response.IsSuccessStatusCode;
    }

    private static async Task<long> DirtyDaysAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(HostProcess.ReadOnly(connectionString));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT CASE WHEN to_regclass('kpi_dirty_days') IS NULL THEN 0 ELSE (SELECT count(*) FROM kpi_dirty_days) END", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    // The one write the benchmark makes: a viewer key, printed so later runs can pass it with --key.
    private static async Task<string> CreateKeyAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var created = await new KeyStore(dataSource).CreateAsync("dashboard-benchmark", Role.Viewer);
        Console.WriteLine($"created viewer key 'dashboard-benchmark' ({created.Key.Prefix}…); pass --key {created.Secret} to reuse it");
        return created.Secret;
    }

    private static string BuildConfiguration() =>
        typeof(GoldAnalytics.Functions.FunctionApp).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true ? "Debug (use -c Release)" : "Release";

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "GoldAnalytics.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Repository root (GoldAnalytics.sln) not found above " + AppContext.BaseDirectory);
    }
}
