using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Data.Outbox;
using GoldAnalytics.Functions.Live;
using Npgsql;

namespace GoldAnalytics.Benchmarks.Live;

/// <summary>
/// <c>goldanalytics-bench live-kpis</c>: what the dashboard push spends recomputing the KPIs of one
/// sale (its day and month to date, shop and branch, through the KPI engine) on a seeded database,
/// with a cold engine (first push after a host start) and a warm one. Read-only: it refuses a database
/// whose rollups are behind, since bringing them up to date would write.
/// </summary>
internal static class LiveKpisCommand
{
    public static Command Create()
    {
        var connection = new Option<string>("--connection") { Description = "Seeded shop database (read only)", Required = true };
        var rounds = new Option<int>("--rounds") { Description = "Pushes per measurement", DefaultValueFactory = _ => 10 };
        var command = new Command("live-kpis", "Live updates: KPI recompute of one sale's push, cold and warm engine") { connection, rounds };
        command.SetAction(async (parse, _) => await RunAsync(parse.GetValue(connection)!, parse.GetValue(rounds)));
        return command;
    }

    private static async Task<int> RunAsync(string connectionString, int rounds)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var rollups = new KpiRollups(dataSource);
        if (await rollups.HasDirtyDaysAsync())
        {
            Console.Error.WriteLine("The rollups are behind (kpi_dirty_days is not empty); refusing to write to bring them up to date.");
            return 1;
        }

        await using var command = dataSource.CreateCommand("SELECT max(business_date), (SELECT min(id) FROM branches), (SELECT count(*) FROM invoice_lines) FROM invoice_lines");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (day, branch, lines) = (reader.GetFieldValue<DateOnly>(0), reader.GetInt32(1), reader.GetInt64(2));
        var sale = new OutboxEvent(1, new DomainEvent("sales.invoice.created", "invoice", "0", [day], [branch]), "bench", DateTimeOffset.UtcNow, 1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"invoice_lines: {lines:N0}; one sale on {day:yyyy-MM-dd} at branch {branch}: day and month to date, shop and branch (4 financial KPI reports)"));

        var cold = new List<double>();
        var warm = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            using var gate = new KpiDataGate(dataSource, rollups);
            var financial = new FinancialKpiEngine(dataSource, gate);
            var recompute = new LiveKpiRecompute(financial, new InventoryKpiEngine(dataSource, financial));
            cold.Add(await TimeAsync(() => recompute.RecomputeAsync([sale], CancellationToken.None)));
            warm.Add(await TimeAsync(() => recompute.RecomputeAsync([sale], CancellationToken.None)));
        }

        Print("cold engine (first push after start)", cold);
        Print("warm engine", warm);
        return 0;
    }

    private static async Task<double> TimeAsync(Func<Task> push)
    {
        var clock = Stopwatch.StartNew();
        await push();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static void Print(string what, List<double> times)
    {
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: median {times[times.Count / 2]:N1} ms, max {times[^1]:N1} ms over {times.Count}"));
    }
}
