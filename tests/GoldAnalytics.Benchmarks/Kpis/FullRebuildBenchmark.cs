using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Data.Reports;
using Npgsql;

namespace GoldAnalytics.Benchmarks.Kpis;

/// <summary>
/// <c>goldanalytics-bench kpis-rebuild</c>: the full rebuild of all period reports from the raw lines,
/// as the product runs it (<see cref="PeriodReports.RunAsync"/> with a full rebuild): every rollup
/// rebuilt set-based from the lines, then every period report from the rollups; each phase's time,
/// rows and database CPU. Optionally first the path it replaced (every day marked dirty, then the
/// refresh) and a check that both give the same rollups. Writes to the database: use a copy.
/// </summary>
internal static class FullRebuildBenchmark
{
    public static Command Create()
    {
        var connection = new Option<string>("--connection") { Description = "Seeded shop database (it is written to: use a copy)", Required = true };
        var parallelism = new Option<int>("--parallelism") { Description = "Period batches recomputed at once", DefaultValueFactory = _ => 2 };
        var sessions = new Option<int>("--sessions") { Description = "Sessions rebuilding the rollups (1: one transaction)", DefaultValueFactory = _ => 2 };
        var compare = new Option<bool>("--compare-day-by-day") { Description = "First time the day-by-day refresh of every day (minutes at 11M lines) and check both rebuilds give the same rollups" };
        var calibrate = new Option<int[]>("--calibrate-days")
        {
            Description = "Afterwards time the cell-by-cell refresh of an import of the latest N days (sales and stock cells of every branch), for each N, against the rebuild",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [],
        };
        var command = new Command("kpis-rebuild", "Full rebuild of all period reports from the raw lines: rollups (set-based), then period reports; time, rows and database CPU per phase")
        {
            connection, parallelism, sessions, compare, calibrate,
        };
        command.SetAction(async (parse, _) =>
        {
            await RunAsync(parse.GetValue(connection)!, parse.GetValue(parallelism), parse.GetValue(sessions), parse.GetValue(compare), parse.GetValue(calibrate)!);
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(string connectionString, int parallelism, int sessions, bool compare, int[] calibrateDays)
    {
        await new Migrator(connectionString).MigrateAsync([MigrationSet.Shop]);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var rollups = new KpiRollups(dataSource);
        var reports = new PeriodReports(dataSource, rollups);
        Print($"invoice_lines: {await ScalarAsync<long>(dataSource, "SELECT count(*) FROM invoice_lines"):N0}, refunds: {await ScalarAsync<long>(dataSource, "SELECT count(*) FROM refunds"):N0}, stock movements: {await ScalarAsync<long>(dataSource, "SELECT count(*) FROM stock_movements"):N0}");
        await using var cpu = await DatabaseCpu.StartAsync(dataSource);
        Print($"database CPU: {(cpu.IsAvailable ? "this database's server processes, from /proc" : "n/a (server not on this machine)")}");

        // Without the day-by-day run, the rollups as the product kept them (writers' deltas, cell refreshes) are the reference.
        Dictionary<string, string> before;
        var reference = "the rollups as kept incrementally before the run";
        if (compare)
        {
            reference = "the day-by-day refresh's";
            cpu.Lap();
            var clock = Stopwatch.StartNew();
            await rollups.MarkEveryDayDirtyAsync();
            var days = await rollups.RefreshDirtyCellsAsync();
            Print($"day-by-day refresh of every day (the path replaced): {days.Count:N0} days in {clock.Elapsed.TotalSeconds:F1} s, database CPU {Cpu(cpu.Lap())}");
            before = await RollupFingerprint.ReadAsync(dataSource);
        }
        else
        {
            await rollups.RefreshDirtyAsync();
            before = await RollupFingerprint.ReadAsync(dataSource);
        }

        cpu.Lap();
        var total = Stopwatch.StartNew();
        var rebuild = await rollups.RebuildAllAsync(sessions);
        var rollupCpu = cpu.Lap();
        Print($"phase 1, rollups rebuilt from the lines: {rebuild.Elapsed.TotalSeconds:F1} s, {rebuild.Months} months, {rebuild.Sessions} session(s), database CPU {Cpu(rollupCpu)}");
        foreach (var step in rebuild.Steps)
        {
            Print($"  {step.Name,-72} {step.Elapsed.TotalSeconds,7:F2} s");
        }

        foreach (var (table, rows) in rebuild.Rows)
        {
            Print($"  {table,-24} {rows,12:N0} rows");
        }

        // After the rebuild every day is marked for the reports: this run recomputes every period, as a full rebuild's second half.
        var run = await reports.RunAsync(fullRebuild: false, parallelism: parallelism);
        var reportCpu = cpu.Lap();
        var periodRows = await ScalarAsync<long>(dataSource, "SELECT count(*) FROM period_reports");
        var snapshotRows = await ScalarAsync<long>(dataSource, "SELECT count(*) FROM kpi_snapshots");
        Print($"phase 2, period reports from the rollups: {run.PeriodsRecomputed:N0} periods ({periodRows:N0} report rows, {snapshotRows:N0} KPI snapshots) in {run.Elapsed.TotalSeconds:F1} s, parallelism {parallelism}, database CPU {Cpu(reportCpu)}");
        Print($"full rebuild of all period reports from the lines: {total.Elapsed.TotalSeconds:F1} s (target < 60 s), database CPU {Cpu(rollupCpu + reportCpu)}");

        var setBased = await RollupFingerprint.ReadAsync(dataSource);
        var differing = setBased.Where(t => before[t.Key] != t.Value).Select(t => t.Key).ToList();
        Print($"set-based rollups equal {reference}: {(differing.Count == 0 ? $"yes, all {setBased.Count} tables (row count and sum of row hashes)" : "NO: " + string.Join(", ", differing))}");
        await ImportCrossover.MeasureAsync(dataSource, rollups, cpu, calibrateDays, rebuild, setBased);
    }

    internal static string Cpu(double? seconds) => seconds is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s:F1} s") : "n/a";

    internal static void Print(FormattableString line) =>
        Console.WriteLine($"{line.ToString(CultureInfo.InvariantCulture)}  ({SystemLoad.Now()})");

    internal static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
