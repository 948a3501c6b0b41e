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
/// against a host (this build) over a seeded database: cold (the first load after the host started, a new host
/// process each time) and warm (later loads on the same host), each in a fresh browser context.
/// </summary>
internal static class DashboardLoadCommand
{
    private const double BudgetMs = 1500;

    public static Command Create()
    {
        var connection = new Option<string>("--connection") { Description = "Seeded shop database (a viewer key is created unless --key is given)", Required = true };
        var readOnly = new Option<bool>("--read-only") { Description = "Serve from read-only sessions, so nothing in the database can change (the KPI rollups must then be up to date)" };
        var key = new Option<string?>("--key") { Description = "An existing viewer (or higher) key of that database, so no key is created" };
        var cold = new Option<int>("--cold") { Description = "Cold loads, each after a fresh host start", DefaultValueFactory = _ => 3 };
        var warm = new Option<int>("--warm") { Description = "Warm loads on the last host", DefaultValueFactory = _ => 10 };
        var path = new Option<string>("--path") { Description = "Overview address to open, e.g. /?range=365d", DefaultValueFactory = _ => "/" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds a load may take before it counts as failed", DefaultValueFactory = _ => 60 };
        var chromium = new Option<string>("--chromium") { Description = "Chromium executable", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GA_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium" };
        var command = new Command("dashboard", "Dashboard overview: navigation to interactive in headless Chromium, cold and warm, with the API calls of each load")
        {
            connection, key, cold, warm, path, timeout, chromium, HostProcess.CreateCommand(),
        };
        command.SetAction(async (parse, _) =>
        {
            var settings = new Settings(parse.GetValue(connection)!, parse.GetValue(key), parse.GetValue(cold), parse.GetValue(warm), parse.GetValue(path)!, TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(chromium)!, parse.GetValue(readOnly));
            return await RunAsync(settings);
        });
        return command;
    }

    private sealed record Settings(string Connection, string? Key, int Cold, int Warm, string Path, TimeSpan Timeout, string Chromium, bool ReadOnly);

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
        Console.WriteLine($"build: {BuildConfiguration()}   load average at start: {LoadAverage()}");
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

        var coldLoads = new List<OverviewLoad>();
        var warmLoads = new List<OverviewLoad>();
        for (var run = 1; run <= settings.Cold; run++)
        {
            var started = Stopwatch.StartNew();
            await using var host = await HostProcess.StartAsync(settings.Connection, settings.ReadOnly, site, hostJson, log);
            var hostStart = started.Elapsed.TotalMilliseconds;
            var load = await probe.LoadAsync(host.Address, settings.Path, key);
            if (run == 1 && load.Error is not null && !await KeyWorksAsync(host.Address, key))
            {
                await Console.Error.WriteLineAsync("The key is refused (GET /api/keys/current); pass a key of this database with --key, or none to create one.");
                return 2;
            }

            coldLoads.Add(load);
            Report($"cold {run}", load, $"host started in {hostStart:F0} ms");
            if (run == settings.Cold)
            {
                for (var w = 1; w <= settings.Warm; w++)
                {
                    var warmLoad = await probe.LoadAsync(host.Address, settings.Path, key);
                    warmLoads.Add(warmLoad);
                    Report($"warm {w}", warmLoad, "");
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("navigation start → interactive (all KPI groups show values, nothing loading, every chart drawn):");
        Summary("cold", coldLoads.Select(l => l.InteractiveMs));
        Summary("warm", warmLoads.Select(l => l.InteractiveMs));
        Console.WriteLine("navigation start → charts finished animating:");
        Summary("cold", coldLoads.Select(l => l.ChartsFinishedMs));
        Summary("warm", warmLoads.Select(l => l.ChartsFinishedMs));
        Console.WriteLine();
        Console.WriteLine("API calls: median start (ms since navigation start) and duration (request start → response end), ms:");
        CallTable(coldLoads, warmLoads);
        Console.WriteLine();
        Console.WriteLine($"load average at end: {LoadAverage()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target: interactive under {BudgetMs:F0} ms (see the medians above)"));
        return coldLoads.Concat(warmLoads).Any(l => l.Error is not null) ? 1 : 0;
    }

    private static void Report(string label, OverviewLoad load, string note)
    {
        var slowest = load.Calls.OrderByDescending(c => c.End).FirstOrDefault();
        if (load.Error is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-8} FAILED: {load.Error}; slowest call ends {slowest?.End ?? 0:F0} ms ({Shorten(slowest?.Path)})  {note}"));
            return;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-8} interactive {load.InteractiveMs,7:F0} ms  charts finished {load.ChartsFinishedMs,7:F0} ms  {load.Calls.Count,2} API calls, last ends {slowest?.End ?? 0,7:F0} ms ({Shorten(slowest?.Path)})  {note}"));
    }

    private static void Summary(string label, IEnumerable<double> values)
    {
        var all = values.ToList();
        var list = all.Where(v => !double.IsNaN(v)).ToList();
        var failed = all.Count - list.Count;
        if (list.Count == 0)
        {
            Console.WriteLine($"  {label,-5} every one of {all.Count} loads failed");
            return;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {label,-5} n={list.Count,3}{(failed > 0 ? $" ({failed} failed)" : "")}  median {Percentile(list, 50),7:F0} ms  p95 {Percentile(list, 95),7:F0} ms  min {list.Min(),7:F0} ms  max {list.Max(),7:F0} ms"));
    }

    private static void CallTable(List<OverviewLoad> cold, List<OverviewLoad> warm)
    {
        var endpoints = cold.Concat(warm).SelectMany(l => l.Calls).Select(c => Endpoint(c.Path)).Distinct().Order(StringComparer.Ordinal);
        Console.WriteLine($"  {"endpoint",-34} {"cold start",10} {"cold dur",9} {"warm start",10} {"warm dur",9}  calls/load");
        foreach (var endpoint in endpoints)
        {
            string Cell(List<OverviewLoad> loads, Func<ApiCall, double> pick)
            {
                var values = loads.SelectMany(l => l.Calls).Where(c => Endpoint(c.Path) == endpoint).Select(pick).ToList();
                return values.Count == 0 ? "-" : Percentile(values, 50).ToString("F0", CultureInfo.InvariantCulture);
            }

            var perLoad = cold.Concat(warm).Average(l => l.Calls.Count(c => Endpoint(c.Path) == endpoint));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {endpoint,-34} {Cell(cold, c => c.Start),10} {Cell(cold, c => c.Duration),9} {Cell(warm, c => c.Start),10} {Cell(warm, c => c.Duration),9}  {perLoad:F1}"));
        }
    }

    private static string Endpoint(string path) => path.Split('?')[0];

    private static string Shorten(string? path) => path is null ? "none" : Endpoint(path);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
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

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

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
