using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using GoldAnalytics.Data.Imports;
using GoldAnalytics.Data.Migrations;
using Npgsql;

namespace GoldAnalytics.Benchmarks.Imports;

/// <summary>
/// <c>goldanalytics-bench csv-import</c>: writes a sales CSV file of the requested number of lines,
/// imports it through the same service the HTTP import uses (spool, binary COPY to staging, set-based
/// checks, one transaction) into a scratch database, and prints time and memory. Target: 1 million lines under 30 s.
/// </summary>
internal static class CsvImportCommand
{
    private const int Products = 500;
    private const int Days = 365;

    public static Command Create()
    {
        var server = new Option<string>("--server")
        {
            Description = "Connection string to a maintenance database of the PostgreSQL server (default: GA_TEST_PG)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GA_TEST_PG") ?? "",
        };
        var rows = new Option<int>("--rows") { Description = "Rows in the file", DefaultValueFactory = _ => 1_000_000 };
        var kind = new Option<string>("--kind") { Description = "sales (invoice lines, the heaviest) or expenses", DefaultValueFactory = _ => "sales" };
        var command = new Command("csv-import", "Measure importing a CSV file: target 1 million rows in under 30 s with flat memory") { server, rows, kind };
        command.SetAction(async (parse, ct) =>
        {
            var admin = parse.GetValue(server);
            if (string.IsNullOrWhiteSpace(admin))
            {
                Console.Error.WriteLine("No server: pass --server or set GA_TEST_PG.");
                return 2;
            }

            var database = $"bench_import_{Guid.NewGuid():N}";
            var connectionString = await CreateDatabaseAsync(admin, database, ct);
            var file = Path.Combine(Path.GetTempPath(), $"{database}.csv");
            try
            {
                await new Migrator(connectionString).MigrateAsync([MigrationSet.Shop], ct);
                await SeedReferenceAsync(connectionString);
                var name = parse.GetValue(kind) ?? "sales";
                var bytes = name == "expenses" ? WriteExpenses(file, parse.GetValue(rows)) : WriteFile(file, parse.GetValue(rows));
                await MeasureAsync(connectionString, name, file, bytes, ct);
            }
            finally
            {
                File.Delete(file);
                await DropDatabaseAsync(admin, database);
            }

            return 0;
        });
        return command;
    }

    private static async Task MeasureAsync(string connectionString, string kind, string file, long bytes, CancellationToken ct)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var runner = new ImportRunner(dataSource);
        GC.Collect();
        var baseline = Environment.WorkingSet;
        using var sampler = new PeakMemory();
        var clock = Stopwatch.StartNew();
        await using var body = File.OpenRead(file);
        await using var spooled = await SpooledCsv.SpoolAsync(body, ct);
        var spool = clock.Elapsed;
        var result = await runner.RunAsync(ImportKinds.Find(kind)!, spooled, new ImportOptions(ImportMode.AllOrNothing, CultureInfo.InvariantCulture, null, "bench.csv"), "bench", ct);
        var total = clock.Elapsed;
        if (!result.Written)
        {
            throw new InvalidOperationException($"The benchmark file did not import: {string.Join("; ", result.Errors.Take(5))}");
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // Before the counts below, which run on the import's pooled connection.
        var server = await ServerCpuSecondsAsync(connection);
        var lines = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM invoice_lines");
        var invoices = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM invoices");
        var expenses = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM expenses");
        Console.WriteLine($"load              {File.ReadAllText("/proc/loadavg").Trim()} (1, 5, 15 min; re-measure on a quiet machine)");
        Console.WriteLine($"file              {bytes / 1048576.0,12:N1} MiB, {result.RowsRead:N0} {kind} rows");
        Console.WriteLine($"written           {lines,14:N0} invoice lines, {invoices:N0} invoices, {expenses:N0} expenses");
        Console.WriteLine($"spool + hash      {spool.TotalSeconds,12:N2} s");
        foreach (var (phase, seconds) in result.PhaseSeconds)
        {
            Console.WriteLine($"  {phase,-16}{seconds,12:N2} s");
        }

        Console.WriteLine($"import total      {total.TotalSeconds,12:N2} s   {result.RowsRead / total.TotalSeconds,10:N0} rows/s   (target: 1,000,000 rows < 30 s)");
        Console.WriteLine($"process CPU       {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,12:N2} s (this process)");
        Console.WriteLine(server is { } cpu
            ? $"database CPU      {cpu,12:N2} s (the import's server processes; steadier than wall time on a busy machine)"
            : "database CPU      not readable (the server is not local, or /proc is not readable)");
        Console.WriteLine($"working set       {baseline / 1048576.0,12:N0} MiB before, {sampler.Peak / 1048576.0:N0} MiB peak (+{(sampler.Peak - baseline) / 1048576.0:N0} MiB)");
    }

    // The pooled connections the import used (this one among them) are still open: their server processes' CPU time, when the server runs here.
    private static async Task<double?> ServerCpuSecondsAsync(NpgsqlConnection connection)
    {
        var pids = await connection.QueryAsync<int>("SELECT pid FROM pg_stat_activity WHERE datname = current_database()");
        double total = 0;
        foreach (var pid in pids)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat))
            {
                return null;
            }

            // Fields 14 and 15 (user and system time in clock ticks) follow the parenthesised command name.
            var fields = File.ReadAllText(stat).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            total += (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }

        return total;
    }

    // Sales lines over a year, 1 to 4 lines per invoice, at 4 branches; amounts left out so the import prices them.
    private static long WriteFile(string path, int rows)
    {
        var random = new Random(20261121);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("invoice_number,business_date,branch_code,salesperson_code,customer_code,sku,quantity,weight_g,gold_rate,making_charge,stone_value,discount,tax_rate,line_total\r\n");
        var written = 0;
        var invoice = 0;
        var start = new DateOnly(2025, 1, 1);
        while (written < rows)
        {
            invoice++;
            var day = start.AddDays((int)((long)written * Days / rows)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var branch = random.Next(1, 5);
            var lines = Math.Min(rows - written, random.Next(1, 5));
            for (var line = 0; line < lines; line++, written++)
            {
                var product = random.Next(1, Products + 1);
                writer.Write($"B-{invoice:D8},{day},B{branch},S{branch},,P{product:D5},{random.Next(1, 3)},,,,,{(random.Next(10) == 0 ? "25.00" : "0")},0.05,\r\n");
            }
        }

        writer.Flush();
        return writer.BaseStream.Length;
    }

    // Expenses over a year at 4 branches and head office, with thousands separators in quoted amounts.
    private static long WriteExpenses(string path, int rows)
    {
        var random = new Random(20261121);
        string[] categories = ["rent", "salaries", "utilities", "marketing", "insurance", "security", "maintenance", "other"];
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("business_date,branch_code,category,amount,description,supplier_code\r\n");
        var start = new DateOnly(2025, 1, 1);
        for (var row = 0; row < rows; row++)
        {
            var day = start.AddDays((int)((long)row * Days / rows)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var branch = random.Next(0, 5);
            var amount = (random.Next(100, 500_000) / 100m).ToString("#,0.00", CultureInfo.InvariantCulture);
            writer.Write($"{day},{(branch == 0 ? "" : "B" + branch)},{categories[random.Next(categories.Length)]},\"{amount}\",Expense {row},\r\n");
        }

        writer.Flush();
        return writer.BaseStream.Length;
    }

    private static async Task SeedReferenceAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync($"""
            INSERT INTO branches (id, code, name, city, opened_on) SELECT b, 'B' || b, 'Branch ' || b, 'Dubai', '2020-01-01' FROM generate_series(1, 4) b;
            INSERT INTO staff (id, branch_id, code, name, hired_on) SELECT b, b, 'S' || b, 'Seller ' || b, '2020-01-01' FROM generate_series(1, 4) b;
            INSERT INTO product_lines (id, code, name) VALUES (1, 'classic', 'Classic');
            INSERT INTO products (id, sku, name, category, product_line_id, karat, net_weight_g, stone_value, making_charge_type, making_charge_value, unit_cost)
            SELECT p, 'P' || lpad(p::text, 5, '0'), 'Product ' || p, (ARRAY['ring','necklace','bangle','chain'])[1 + p % 4], 1,
                   (ARRAY[24, 22, 21, 18, 14])[1 + p % 5], 2 + (p % 20), (p % 7) * 50, CASE WHEN p % 2 = 0 THEN 'per_gram' ELSE 'percent' END, 8 + p % 5, 20 + p % 30
              FROM generate_series(1, {Products}) p;
            INSERT INTO gold_rates (business_date, karat, buy_per_gram, sell_per_gram)
            SELECT d::date, k, round(300 * CASE k WHEN 24 THEN 1 WHEN 22 THEN 0.916 WHEN 21 THEN 0.875 WHEN 18 THEN 0.75 ELSE 0.585 END, 4),
                   round(310 * CASE k WHEN 24 THEN 1 WHEN 22 THEN 0.916 WHEN 21 THEN 0.875 WHEN 18 THEN 0.75 ELSE 0.585 END, 4)
              FROM generate_series('2025-01-01'::date, '2025-01-01'::date + {Days}, interval '1 day') d, unnest(ARRAY[24, 22, 21, 18, 14]) k;
            """);
    }

    private static async Task<string> CreateDatabaseAsync(string admin, string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(ct);
        await connection.ExecuteAsync($"CREATE DATABASE \"{database}\"");
        return new NpgsqlConnectionStringBuilder(admin) { Database = database, CommandTimeout = 600 }.ConnectionString;
    }

    private static async Task DropDatabaseAsync(string admin, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await connection.ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    /// <summary>Samples the process working set every 50 ms and keeps the peak.</summary>
    private sealed class PeakMemory : IDisposable
    {
        private readonly Timer _timer;
        private long _peak = Environment.WorkingSet;

        public PeakMemory() => _timer = new Timer(_ => Interlocked.Exchange(ref _peak, Math.Max(Interlocked.Read(ref _peak), Environment.WorkingSet)), null, 0, 50);

        public long Peak => Math.Max(Interlocked.Read(ref _peak), Environment.WorkingSet);

        public void Dispose() => _timer.Dispose();
    }
}
