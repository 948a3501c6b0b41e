using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GoldAnalytics.Data.Insights;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Data.Reports;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using GoldAnalytics.Domain.Kpis.Trends;
using Npgsql;

namespace GoldAnalytics.Benchmarks.Kpis;

/// <summary>
/// <c>goldanalytics-bench kpis</c>: KPI latency warm and after new data against a straight scan of
/// invoice lines, the full rebuild of the period reports and the nightly incremental run, on a
/// database already seeded with the demo shop (<c>goldanalytics seed --scale 21</c> ≈ 10M lines).
/// </summary>
internal static class KpisBenchmark
{
    public static Command Create()
    {
        var connection = new Option<string>("--connection") { Description = "Seeded shop database", Required = true };
        var rounds = new Option<int>("--rounds") { Description = "Requests per measurement", DefaultValueFactory = _ => 60 };
        var skipRebuild = new Option<bool>("--skip-rebuild") { Description = "Do not time the full rebuild of the period reports" };
        var only = new Option<string[]>("--only") { Description = "Measure only these endpoints: financial, customer, inventory, leaderboard", AllowMultipleArgumentsPerToken = true };
        var command = new Command("kpis", "KPI engine: warm and first-after-write latency vs a scan of invoice_lines, period report rebuild and nightly run")
        {
            connection, rounds, skipRebuild, only,
        };
        command.SetAction(async (parse, _) =>
        {
            await RunAsync(parse.GetValue(connection)!, parse.GetValue(rounds), parse.GetValue(skipRebuild), parse.GetValue(only) ?? []);
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(string connectionString, int rounds, bool skipRebuild, string[] only)
    {
        await new Migrator(connectionString).MigrateAsync([MigrationSet.Shop]);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var rollups = new KpiRollups(dataSource);
        var lines = await ScalarAsync<long>(dataSource, "SELECT count(*) FROM invoice_lines");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"invoice_lines: {lines:N0}"));

        var clock = Stopwatch.StartNew();
        var rebuilt = await rollups.RefreshDirtyAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rollups brought up to date: {rebuilt.Count} dirty days in {clock.Elapsed.TotalSeconds:F1} s"));

        var reports = new PeriodReports(dataSource, rollups);
        if (!skipRebuild)
        {
            var full = await reports.RunAsync(fullRebuild: true, parallelism: 2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"period reports full rebuild: {full.PeriodsRecomputed} periods in {full.Elapsed.TotalSeconds:F1} s (target < 60 s)"));
        }

        using var gate = new KpiDataGate(dataSource, rollups);
        var financial = new FinancialKpiEngine(dataSource, gate);
        var customers = new CustomerKpiEngine(dataSource, gate);
        var inventory = new InventoryKpiEngine(dataSource, financial);
        var questions = new BusinessQuestions(dataSource, gate, customers);
        var lastDay = await ScalarAsync<DateOnly>(dataSource, "SELECT max(business_date) FROM invoice_lines");
        var branch = await ScalarAsync<int>(dataSource, "SELECT min(id) FROM branches");
        var salesperson = await ScalarAsync<int>(dataSource, "SELECT min(salesperson_id) FROM invoice_lines WHERE business_date = (SELECT max(business_date) FROM invoice_lines) AND branch_id = (SELECT min(id) FROM branches)");
        var requests = (from range in BenchmarkWorkload.Ranges(lastDay) from filter in BenchmarkWorkload.Filters(branch, salesperson) select (range, filter)).ToList();

        await CheckAgreementAsync(dataSource, financial, requests);
        var endpoints = new Dictionary<string, Func<KpiFilter, DateRange, Task<object>>>
        {
            ["financial"] = async (f, r) => await financial.KpisAsync(f, r, StatusThresholds.Default),
            ["customer"] = async (f, r) => await customers.KpisAsync(f.BranchId, r, StatusThresholds.Default),
            ["inventory"] = async (f, r) => await inventory.KpisAsync(f with { SalespersonId = null }, r, InventorySettings.Default),
            ["leaderboard"] = async (f, r) => await questions.LeaderboardAsync(f, r, new PageRequest()),
        };

        foreach (var (name, call) in endpoints.Where(e => only.Length == 0 || only.Contains(e.Key)))
        {
            var firstTime = new LatencyStats($"{name}: first request (cold cache)");
            foreach (var (range, filter) in requests)
            {
                await firstTime.TimeAsync(() => call(filter, range));
            }

            var warm = new LatencyStats($"{name}: warm");
            for (var i = 0; i < rounds; i++)
            {
                var (range, filter) = requests[i % requests.Count];
                await warm.TimeAsync(() => call(filter, range));
            }

            var afterWrite = new LatencyStats($"{name}: first request after new data");
            for (var i = 0; i < rounds / 2; i++)
            {
                var (range, filter) = requests[(i * 7) % requests.Count];
                await NewSales.AddInvoiceAsync(dataSource, lastDay, i);
                await afterWrite.TimeAsync(() => call(filter, range));
            }

            Console.WriteLine(firstTime);
            Console.WriteLine(warm);
            Console.WriteLine(afterWrite);
        }

        var scan = new LatencyStats("straight scan of invoice_lines (3 ranges)");
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
        await NightlyAsync(dataSource, reports, lastDay);
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

        Console.WriteLine($"engine totals equal the scan's for all {requests.Count} range × filter requests (transactions under product filters excepted by design)");
    }

    private static async Task NightlyAsync(NpgsqlDataSource dataSource, PeriodReports reports, DateOnly lastDay)
    {
        var day = await ScalarAsync<DateOnly>(dataSource, "SELECT max(business_date) FROM invoice_lines");
        var written = await NewSales.AddDayAsync(dataSource, day);
        var run = await reports.RunAsync(parallelism: 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"nightly incremental run after one new day ({day.AddDays(1):yyyy-MM-dd}, {written:N0} rows written): {run.RollupDaysRebuilt} rollup days, {run.PeriodsRecomputed} periods in {run.Elapsed.TotalSeconds:F2} s (target < 2 s); data ended {lastDay:yyyy-MM-dd}"));
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetFieldValue<T>(0);
    }
}
