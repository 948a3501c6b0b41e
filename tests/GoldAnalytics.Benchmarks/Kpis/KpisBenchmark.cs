using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GoldAnalytics.Data.Insights;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Data.Reports;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Benchmarks.Kpis;

/// <summary>
/// <c>goldanalytics-bench kpis</c>: per endpoint family (financial, operational, customer, each
/// business question) the latency warm and of the first request after new data, against straight
/// scans of invoice lines; the full rebuild of the period reports and the nightly incremental run;
/// on a database seeded with the demo shop (<c>goldanalytics seed --scale 25</c> ≈ 11M lines).
/// </summary>
internal static class KpisBenchmark
{
    public static Command Create()
    {
        var connection = new Option<string>("--connection") { Description = "Seeded shop database", Required = true };
        var rounds = new Option<int>("--rounds") { Description = "Warm requests per endpoint; half as many new sales each followed by a first request", DefaultValueFactory = _ => 60 };
        var skipRebuild = new Option<bool>("--skip-rebuild") { Description = "Do not time the full rebuild of the period reports" };
        var skipScan = new Option<bool>("--skip-scan") { Description = "Skip the agreement check, the straight scans and the nightly run (quick checks while developing)" };
        var only = new Option<string[]>("--only") { Description = "Measure only endpoints whose name contains one of these words (financial, customer, leaderboard ...)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("kpis", "KPI engine: warm and first-after-write latency vs scans of invoice_lines, period report rebuild and nightly run")
        {
            connection, rounds, skipRebuild, skipScan, only,
        };
        command.SetAction(async (parse, _) =>
        {
            await RunAsync(parse.GetValue(connection)!, parse.GetValue(rounds), parse.GetValue(skipRebuild), parse.GetValue(skipScan), parse.GetValue(only) ?? []);
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(string connectionString, int rounds, bool skipRebuild, bool skipScan, string[] only)
    {
        await new Migrator(connectionString).MigrateAsync([MigrationSet.Shop]);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var rollups = new KpiRollups(dataSource);
        Print($"invoice_lines: {await ScalarAsync<long>(dataSource, "SELECT count(*) FROM invoice_lines"):N0}");

        var clock = Stopwatch.StartNew();
        var rebuilt = await rollups.RefreshDirtyAsync();
        Print($"rollups brought up to date: {rebuilt.Count} dirty days in {clock.Elapsed.TotalSeconds:F1} s");

        var reports = new PeriodReports(dataSource, rollups);
        if (!skipRebuild)
        {
            var full = await reports.RunAsync(fullRebuild: true, parallelism: 2);
            Print($"full rebuild (rollups from the lines in {full.RollupRebuild!.Elapsed.TotalSeconds:F1} s, then every period report): {full.PeriodsRecomputed} periods in {full.Elapsed.TotalSeconds:F1} s (target < 60 s; details: kpis-rebuild)");
        }

        using var gate = new KpiDataGate(dataSource, rollups);
        var financial = new FinancialKpiEngine(dataSource, gate);
        var customers = new CustomerKpiEngine(dataSource, gate);
        var endpoints = BenchmarkEndpoints.All(
            financial, new InventoryKpiEngine(dataSource, financial), customers, new CustomerAnalytics(customers), new BusinessQuestions(dataSource, gate, customers));
        var lastDay = await ScalarAsync<DateOnly>(dataSource, "SELECT max(business_date) FROM invoice_lines");
        var branch = await ScalarAsync<int>(dataSource, "SELECT min(id) FROM branches");
        var salesperson = await ScalarAsync<int>(dataSource, "SELECT min(salesperson_id) FROM invoice_lines WHERE business_date = (SELECT max(business_date) FROM invoice_lines) AND branch_id = (SELECT min(id) FROM branches)");
        var requests = (from range in BenchmarkWorkload.Ranges(lastDay) from filter in BenchmarkWorkload.Filters(branch, salesperson) select (range, filter)).ToList();

        if (!skipScan)
        {
            await CheckAgreementAsync(dataSource, financial, requests);
        }

        var afterWriteP95 = new List<(string Name, double P95)>();
        var serial = 0;
        foreach (var endpoint in endpoints.Where(e => only.Length == 0 || only.Any(o => e.Name.Contains(o, StringComparison.OrdinalIgnoreCase))))
        {
            var distinct = requests.Select(r => (r.range, Filter: endpoint.Normalise(r.filter))).Distinct().ToList();
            var firstTime = new LatencyStats($"{endpoint.Name}: first request (cold cache)");
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            foreach (var (range, filter) in distinct)
            {
                await firstTime.TimeAsync(() => endpoint.Call(filter, range));
            }

            Console.WriteLine(firstTime);

            // CPU time of this process (the engine, not PostgreSQL) is the cold-fill figure a busy machine distorts least.
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            Print($"{endpoint.Name}: cold fill {firstTime.Total.TotalSeconds:F1} s, {cpu.TotalSeconds:F1} s CPU in this process; managed heap now {GC.GetTotalMemory(forceFullCollection: true) / 1_048_576.0:F0} MB");
            var warm = new LatencyStats($"{endpoint.Name}: warm");
            for (var i = 0; i < rounds; i++)
            {
                var (range, filter) = distinct[i % distinct.Count];
                await warm.TimeAsync(() => endpoint.Call(filter, range));
            }

            Console.WriteLine(warm);

            // The sale is committed (acknowledged) before the clock starts; the request then pays for
            // the rollup refresh of its cell, the changed blocks and the answer.
            var afterWrite = new LatencyStats($"{endpoint.Name}: first request after new data");
            for (var i = 0; i < rounds / 2; i++)
            {
                var (range, filter) = distinct[(i * 7) % distinct.Count];
                await NewSales.AddInvoiceAsync(dataSource, lastDay, serial++);
                await afterWrite.TimeAsync(() => endpoint.Call(filter, range));
            }

            Console.WriteLine(afterWrite);
            afterWriteP95.Add((endpoint.Name, afterWrite.Percentile(95)));
        }

        var scan = skipScan ? double.NaN : await ScanBaselineAsync(dataSource, requests);
        Print($"first request after new data, p95 per family (target < 200 ms); ratio = straight scan p95 {scan:F0} ms / p95:");
        foreach (var (name, p95) in afterWriteP95)
        {
            Print($"  {name,-36} {p95,9:F1} ms  {(p95 < 200 ? "met" : "MISSED")}  scan ratio {scan / p95,7:F1}x");
        }

        if (!skipScan)
        {
            await NightlyAsync(dataSource, reports, lastDay);
        }

        Print($"invoice_lines at the end: {await ScalarAsync<long>(dataSource, "SELECT count(*) FROM invoice_lines"):N0}");
    }

    // The engine and the scan must give the same totals, or the comparison means nothing.
    private static async Task CheckAgreementAsync(NpgsqlDataSource dataSource, FinancialKpiEngine financial, List<(DateRange Range, KpiFilter Filter)> requests)
    {
        foreach (var (range, filter) in requests)
        {
            var engine = (await financial.TotalsAsync(filter, [range]))[0];
            var scan = await SalesScanBaseline.TotalsAsync(dataSource, filter, range);

            // Under a product filter the engine counts an invoice once per rollup cell (docs/kpis.md); everything else must match.
            if (engine with { Transactions = 0 } != scan with { Transactions = 0 } || (!filter.HasProductFilter && engine.Transactions != scan.Transactions))
            {
                throw new InvalidOperationException($"Engine and scan disagree for {range} {filter}: {engine} vs {scan}");
            }
        }

        Print($"engine totals equal the scan's for all {requests.Count} range × filter requests (transactions under product filters excepted by design)");
    }

    // The financial KPIs (current, previous and last-year range) and the customer counts by straight scans of invoice_lines.
    private static async Task<double> ScanBaselineAsync(NpgsqlDataSource dataSource, List<(DateRange Range, KpiFilter Filter)> requests)
    {
        var scan = new LatencyStats("straight scan of invoice_lines: financial (3 ranges)");
        foreach (var (range, filter) in requests)
        {
            await scan.TimeAsync(async () =>
            {
                await SalesScanBaseline.TotalsAsync(dataSource, filter, range);
                await SalesScanBaseline.TotalsAsync(dataSource, filter, range.Previous());
                return await SalesScanBaseline.TotalsAsync(dataSource, filter, range.SamePeriodLastYear());
            });
        }

        Console.WriteLine(scan);
        var customers = new LatencyStats("straight scan of invoice_lines: customer counts");
        foreach (var (range, filter) in requests.Where(r => r.Filter.HasProductFilter == false && r.Filter.SalespersonId is null))
        {
            await customers.TimeAsync(() => CustomerScanBaseline.CountsAsync(dataSource, filter.BranchId, range));
        }

        Console.WriteLine(customers);
        return scan.Percentile(95);
    }

    private static async Task NightlyAsync(NpgsqlDataSource dataSource, PeriodReports reports, DateOnly lastDay)
    {
        var day = await ScalarAsync<DateOnly>(dataSource, "SELECT max(business_date) FROM invoice_lines");
        var written = await NewSales.AddDayAsync(dataSource, day);
        var run = await reports.RunAsync(parallelism: 2);
        Print($"nightly incremental run after one new day ({day.AddDays(1):yyyy-MM-dd}, {written:N0} rows written): {run.RollupDaysRebuilt} rollup days, {run.PeriodsRecomputed} periods in {run.Elapsed.TotalSeconds:F2} s (target < 2 s); data ended {lastDay:yyyy-MM-dd}");
    }

    private static void Print(FormattableString line) =>
        Console.WriteLine($"{line.ToString(CultureInfo.InvariantCulture)}  ({SystemLoad.Now()})");

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetFieldValue<T>(0);
    }
}
