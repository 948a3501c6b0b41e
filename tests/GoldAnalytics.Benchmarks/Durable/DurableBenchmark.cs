using System.CommandLine;
using System.Diagnostics;
using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Runtime.Durable.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GoldAnalytics.Benchmarks.Durable;

/// <summary><c>goldanalytics-bench durable</c>: throughput, fan-out and latency of the durable engine on a scratch database.</summary>
internal static class DurableBenchmark
{
    public static Command Create()
    {
        var connection = new Option<string>("--connection")
        {
            Description = "PostgreSQL server to create the scratch database on (default: GA_TEST_PG, then GA_DATABASE)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GA_TEST_PG") ?? Environment.GetEnvironmentVariable("GA_DATABASE") ?? "",
        };
        var orchestrations = new Option<int>("--orchestrations") { Description = "HelloCities5 instances", DefaultValueFactory = _ => 1000 };
        var fanOut = new Option<int>("--fan-out") { Description = "Activities in the fan-out", DefaultValueFactory = _ => 10_000 };
        var runs = new Option<int>("--latency-runs") { Description = "Sequential one-activity runs for the latency figure", DefaultValueFactory = _ => 200 };
        var command = new Command("durable", "Durable orchestrations: HelloCities5 throughput, 10,000-activity fan-out, one-activity latency")
        {
            connection, orchestrations, fanOut, runs,
        };
        command.SetAction(async (parse, ct) =>
        {
            await RunAsync(parse.GetValue(connection)!, parse.GetValue(orchestrations), parse.GetValue(fanOut), parse.GetValue(runs), ct);
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(string server, int orchestrations, int fanOut, int latencyRuns, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException("No database server: pass --connection or set GA_TEST_PG.");
        }

        var database = $"bench_durable_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            await new Migrator(connectionString).MigrateAsync([DurableMigrations.Set], ct);
            await using var services = BuildHost(connectionString);
            var hosted = services.GetServices<IHostedService>().ToList();
            foreach (var service in hosted)
            {
                await service.StartAsync(ct);
            }

            var client = services.GetRequiredService<DurableTaskClient>();
            var load = File.Exists("/proc/loadavg") ? $", load average {(await File.ReadAllTextAsync("/proc/loadavg", ct)).Split(' ')[0]}" : "";
            Console.WriteLine($"Durable engine benchmark, {Environment.ProcessorCount} cores{load}, PostgreSQL {await ScalarAsync(connectionString, "SHOW server_version")}");
            // Latency first, while the system is idle and the queue tables are fresh; then the two throughput runs.
            await LatencyAsync(client, latencyRuns, ct);
            await HelloCitiesAsync(client, connectionString, orchestrations, ct);
            await FanOutAsync(client, fanOut, ct);
            foreach (var service in hosted)
            {
                await service.StopAsync(ct);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private static async Task HelloCitiesAsync(DurableTaskClient client, string connectionString, int count, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (i, token) => await client.ScheduleNewOrchestrationInstanceAsync("HelloCities5", options: new StartOrchestrationOptions($"hello-{i}"), cancellationToken: token));
        var scheduled = clock.Elapsed;
        while (long.Parse(await ScalarAsync(connectionString, "SELECT count(*) FROM durable.instances WHERE runtime_status = 'Completed' AND name = 'HelloCities5'"), System.Globalization.CultureInfo.InvariantCulture) < count)
        {
            await Task.Delay(10, ct);
        }

        var elapsed = clock.Elapsed;
        Console.WriteLine($"HelloCities5: {count} orchestrations x 5 activities in {elapsed.TotalSeconds:F2} s " +
            $"(scheduling took {scheduled.TotalSeconds:F2} s) = {count * 5 / elapsed.TotalSeconds:F0} activity executions/s, {count / elapsed.TotalSeconds:F0} orchestrations/s");
    }

    private static async Task FanOutAsync(DurableTaskClient client, int activities, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var id = await client.ScheduleNewOrchestrationInstanceAsync("FanOut", activities, cancellationToken: ct);
        var result = await client.WaitForInstanceCompletionAsync(id, true, ct);
        Console.WriteLine($"Fan-out/fan-in: {result.ReadOutputAs<int>()} no-op activities in one orchestration in {clock.Elapsed.TotalSeconds:F2} s ({result.RuntimeStatus})");
    }

    private static async Task LatencyAsync(DurableTaskClient client, int runs, CancellationToken ct)
    {
        var samples = new List<double>(runs);
        for (var i = 0; i < runs + 10; i++)
        {
            var clock = Stopwatch.StartNew();
            var id = await client.ScheduleNewOrchestrationInstanceAsync("OneActivity", cancellationToken: ct);
            await client.WaitForInstanceCompletionAsync(id, false, ct);
            if (i >= 10)
            {
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        samples.Sort();
        Console.WriteLine($"One orchestration, one activity, idle system ({runs} runs after 10 warm-up): " +
            $"p50 {samples[samples.Count / 2]:F1} ms, p95 {samples[(int)(samples.Count * 0.95)]:F1} ms, max {samples[^1]:F1} ms");
    }

    private static ServiceProvider BuildHost(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(FunctionCatalogue.Discover(typeof(BenchmarkFunctions).Assembly));
        services.AddSingleton<IFunctionDispatcher, ReflectionFunctionDispatcher>();
        services.AddDurableTask(configure: options =>
        {
            options.ConnectionString = connectionString;
            options.MaxConcurrentOrchestratorFunctions = 200;
            options.MaxConcurrentActivityFunctions = 200;
            options.CompletedInstanceRetention = TimeSpan.Zero;
        });
        return services.BuildServiceProvider();
    }

    private static async Task<string> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
#pragma warning disable CA2100 // Benchmark-internal constant SQL.
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
#pragma warning disable CA2100 // The database name is generated here, never input.
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }
}
