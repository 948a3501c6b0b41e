using System.CommandLine;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GoldAnalytics.Benchmarks.Http;

/// <summary>
/// <c>goldanalytics-bench http-pipeline</c>: the same two servers as <c>http</c>, but requests go straight
/// into each application's pipeline on one thread, without sockets or a load generator. CPU time and
/// bytes allocated per request are then the pipeline's own, steady even on a busy machine.
/// </summary>
internal static class HttpPipelineCommand
{
    public static Command Create()
    {
        var admin = new Option<string>("--postgres") { Description = "PostgreSQL admin connection string; a temporary database is created and dropped (default: GA_TEST_PG)", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GA_TEST_PG") ?? "" };
        var requests = new Option<int>("--requests") { Description = "Requests per measured round", DefaultValueFactory = _ => 200_000 };
        var rounds = new Option<int>("--rounds") { Description = "Measured rounds per server (alternating)", DefaultValueFactory = _ => 5 };
        var command = new Command("http-pipeline", "Runtime overhead without the network: CPU time and allocations per request, keyed function vs bare minimal API") { admin, requests, rounds };
        command.SetAction(async (parse, ct) => await RunAsync(parse.GetValue(admin)!, parse.GetValue(requests), parse.GetValue(rounds), ct));
        return command;
    }

    private sealed record PipelineRound(double CpuMicros, double WallMicros, double Bytes);

    private static async Task<int> RunAsync(string postgres, int requests, int rounds, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(postgres))
        {
            await Console.Error.WriteLineAsync("Pass --postgres or set GA_TEST_PG: the runtime checks keys against PostgreSQL.");
            return 2;
        }

        await using var database = await ScratchDatabase.CreateAsync(postgres, ct);
        var (runtime, runtimePath, key) = await BenchHosts.StartRuntimeAsync(database.ConnectionString, inProcess: true);
        var (bare, barePath) = await BenchHosts.StartBareAsync(inProcess: true);
        try
        {
            var runtimeServer = Server(runtime);
            var bareServer = Server(bare);
            Console.WriteLine($"{requests} requests per round, {rounds} alternating rounds, one thread, no sockets");
            await MeasureAsync(bareServer, barePath, null, requests / 4);
            await MeasureAsync(runtimeServer, runtimePath, key, requests / 4);

            var bareRuns = new List<PipelineRound>();
            var runtimeRuns = new List<PipelineRound>();
            for (var round = 1; round <= rounds; round++)
            {
                bareRuns.Add(await MeasureAsync(bareServer, barePath, null, requests));
                runtimeRuns.Add(await MeasureAsync(runtimeServer, runtimePath, key, requests));
                Console.WriteLine($"round {round}: bare {Describe(bareRuns[^1])} | runtime {Describe(runtimeRuns[^1])}");
            }

            var (b, r) = (Median(bareRuns), Median(runtimeRuns));
            Console.WriteLine();
            Console.WriteLine("median per figure    CPU us/req   wall us/req   bytes/req");
            Console.WriteLine($"bare minimal API     {b.CpuMicros,10:F2}   {b.WallMicros,11:F2}   {b.Bytes,9:F0}");
            Console.WriteLine($"functions runtime    {r.CpuMicros,10:F2}   {r.WallMicros,11:F2}   {r.Bytes,9:F0}");
            Console.WriteLine($"runtime's own cost per request: {r.CpuMicros - b.CpuMicros:+0.00;-0.00} us CPU, {r.Bytes - b.Bytes:+0;-0} bytes allocated");
        }
        finally
        {
            await runtime.StopAsync(CancellationToken.None);
            await bare.StopAsync(CancellationToken.None);
        }

        return 0;
    }

    private static InProcessServer Server(WebApplication app) => (InProcessServer)app.Services.GetRequiredService<IServer>();

    private static async Task<PipelineRound> MeasureAsync(InProcessServer server, string path, string? key, int requests)
    {
        using var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < requests; i++)
        {
            var status = await server.GetAsync(path, key);
            if (status != 200)
            {
                throw new InvalidOperationException($"{path} answered {status}; the benchmark only measures successful requests.");
            }
        }

        var wall = Stopwatch.GetElapsedTime(started);
        self.Refresh();
        return new PipelineRound(
            (self.TotalProcessorTime - cpu).TotalMicroseconds / requests,
            wall.TotalMicroseconds / requests,
            (double)(GC.GetTotalAllocatedBytes(precise: true) - bytes) / requests);
    }

    private static PipelineRound Median(List<PipelineRound> runs) =>
        new(Median(runs.Select(r => r.CpuMicros)), Median(runs.Select(r => r.WallMicros)), Median(runs.Select(r => r.Bytes)));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Describe(PipelineRound r) => $"{r.CpuMicros:F2} us CPU {r.WallMicros:F2} us wall {r.Bytes:F0} B";

    /// <summary>A database made for one run and dropped after it.</summary>
    private sealed class ScratchDatabase(string admin, string name) : IAsyncDisposable
    {
        public string Name { get; } = name;

        public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;

        public static async Task<ScratchDatabase> CreateAsync(string admin, CancellationToken ct)
        {
            var database = new ScratchDatabase(admin, $"bench_{Guid.NewGuid():N}");
            await database.ExecuteAsync($"CREATE DATABASE {database.Name}", ct);
            return database;
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", CancellationToken.None);
        }

        // The database name is generated here, never input; DDL cannot take it as a parameter.
#pragma warning disable CA2100
        private async Task ExecuteAsync(string sql, CancellationToken ct)
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(ct);
        }
#pragma warning restore CA2100
    }
}
