using System.CommandLine;
using System.Globalization;
using Npgsql;

namespace GoldAnalytics.Benchmarks.Http;

/// <summary>
/// <c>goldanalytics-bench http</c>: the functions runtime (a keyed trivial function) against a bare
/// minimal API endpoint, each on loopback in a process of its own, loaded by wrk from another process,
/// alternating rounds so that machine noise hits both alike.
/// </summary>
internal static class HttpBenchmarkCommand
{
    public static Command Create()
    {
        var admin = new Option<string>("--postgres") { Description = "PostgreSQL admin connection string; a temporary database is created and dropped (default: GA_TEST_PG)", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GA_TEST_PG") ?? "" };
        var duration = new Option<int>("--seconds") { Description = "Seconds per measured round", DefaultValueFactory = _ => 10 };
        var rounds = new Option<int>("--rounds") { Description = "Measured rounds per server (alternating)", DefaultValueFactory = _ => 3 };
        var connections = new Option<int>("--connections") { Description = "Concurrent connections", DefaultValueFactory = _ => 16 };
        var threads = new Option<int>("--threads") { Description = "wrk threads", DefaultValueFactory = _ => 1 };
        var command = new Command("http", "Runtime overhead: keyed function vs bare minimal API (requests/s, p50, p99), load from wrk") { admin, duration, rounds, connections, threads };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new Settings(parse.GetValue(admin)!, TimeSpan.FromSeconds(parse.GetValue(duration)), parse.GetValue(rounds), parse.GetValue(connections), parse.GetValue(threads));
            return await RunAsync(settings, ct);
        });
        return command;
    }

    private sealed record Settings(string Postgres, TimeSpan Duration, int Rounds, int Connections, int Threads);

    private static async Task<int> RunAsync(Settings settings, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(settings.Postgres))
        {
            await Console.Error.WriteLineAsync("Pass --postgres or set GA_TEST_PG: the runtime checks keys against PostgreSQL.");
            return 2;
        }

        var database = $"bench_{Guid.NewGuid():N}";
        await ExecuteAsync(settings.Postgres, $"CREATE DATABASE {database}", ct);
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(settings.Postgres) { Database = database }.ConnectionString;
            await MeasureAsync(settings, connection, ct);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(settings.Postgres, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", CancellationToken.None);
        }

        return 0;
    }

    private static async Task MeasureAsync(Settings settings, string connection, CancellationToken ct)
    {
        await using var runtime = await BenchServer.StartAsync("runtime", connection, ct);
        await using var bare = await BenchServer.StartAsync("bare", null, ct);
        Console.WriteLine($"wrk -t{settings.Threads} -c{settings.Connections} -d{settings.Duration.TotalSeconds}s, {settings.Rounds} alternating rounds, {Environment.ProcessorCount} cores, each server in its own process");
        await Wrk.RunAsync(bare, settings.Threads, settings.Connections, TimeSpan.FromSeconds(3), ct);
        await Wrk.RunAsync(runtime, settings.Threads, settings.Connections, TimeSpan.FromSeconds(3), ct);

        var bareRuns = new List<LoadResult>();
        var runtimeRuns = new List<LoadResult>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            // Which server goes first alternates, so drift in the machine's load does not favour either.
            var bareFirst = round % 2 == 1;
            if (bareFirst)
            {
                bareRuns.Add(await Wrk.RunAsync(bare, settings.Threads, settings.Connections, settings.Duration, ct));
            }

            runtimeRuns.Add(await Wrk.RunAsync(runtime, settings.Threads, settings.Connections, settings.Duration, ct));
            if (!bareFirst)
            {
                bareRuns.Add(await Wrk.RunAsync(bare, settings.Threads, settings.Connections, settings.Duration, ct));
            }

            Console.WriteLine($"round {round}: bare {Describe(bareRuns[^1])} | runtime {Describe(runtimeRuns[^1])}");
        }

        Report(Median(bareRuns), Median(runtimeRuns));
    }

    private static void Report(LoadResult bare, LoadResult runtime)
    {
        var throughput = runtime.RequestsPerSecond / bare.RequestsPerSecond;
        var p50 = runtime.P50Ms / bare.P50Ms - 1;
        var p99 = runtime.P99Ms / bare.P99Ms - 1;
        Console.WriteLine();
        Console.WriteLine("median per figure    requests/s   p50 ms   p99 ms   CPU us/req   bytes/req   non-2xx (all rounds)");
        Console.WriteLine($"bare minimal API     {bare.RequestsPerSecond,10:F0}   {bare.P50Ms,6:F3}   {bare.P99Ms,6:F3}   {bare.CpuMicrosPerRequest,10:F2}   {bare.BytesPerRequest,9:F0}   {bare.Errors}");
        Console.WriteLine($"functions runtime    {runtime.RequestsPerSecond,10:F0}   {runtime.P50Ms,6:F3}   {runtime.P99Ms,6:F3}   {runtime.CpuMicrosPerRequest,10:F2}   {runtime.BytesPerRequest,9:F0}   {runtime.Errors}");
        Console.WriteLine($"runtime's own cost per request: {runtime.CpuMicrosPerRequest - bare.CpuMicrosPerRequest:+0.00;-0.00} us CPU, {runtime.BytesPerRequest - bare.BytesPerRequest:+0;-0} bytes allocated");
        Console.WriteLine($"throughput kept: {throughput:P1} (goal >= 85%)   added latency: p50 {p50:+0.0%;-0.0%}, p99 {p99:+0.0%;-0.0%} (goal < 15%)");
        Console.WriteLine(throughput >= 0.85 && p50 < 0.15 ? "goal met (p50)" : "goal NOT met");
    }

    // Each figure's own median over the rounds: one disturbed round moves none of them much.
    private static LoadResult Median(List<LoadResult> runs) => new(
        Median(runs.Select(r => r.RequestsPerSecond)),
        Median(runs.Select(r => r.P50Ms)),
        Median(runs.Select(r => r.P99Ms)),
        runs.Sum(r => r.Requests),
        runs.Sum(r => r.Errors),
        Median(runs.Select(r => r.CpuMicrosPerRequest)),
        Median(runs.Select(r => r.BytesPerRequest)));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Describe(LoadResult r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.RequestsPerSecond:F0} req/s p50 {r.P50Ms:F3} ms p99 {r.P99Ms:F3} ms {r.CpuMicrosPerRequest:F2} us {r.BytesPerRequest:F0} B");

    // The database name is generated here, never input; DDL cannot take it as a parameter.
#pragma warning disable CA2100
    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
#pragma warning restore CA2100
}
