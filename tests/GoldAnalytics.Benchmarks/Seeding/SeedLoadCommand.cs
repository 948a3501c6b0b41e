using System.CommandLine;
using System.Diagnostics;
using GoldAnalytics.Data.DemoData;
using GoldAnalytics.Data.DemoData.Loading;
using GoldAnalytics.Data.Migrations;
using Npgsql;

namespace GoldAnalytics.Benchmarks.Seeding;

/// <summary>
/// <c>goldanalytics-bench seed-load</c>: loads at least the requested number of invoice lines of
/// demo data with binary COPY into a scratch database of its own, prints the figures, drops it.
/// </summary>
internal static class SeedLoadCommand
{
    // Lines per unit of scale over the default three years at the large scales (490,000 at scale 1).
    private const double LinesPerScaleUnit = 449_000;

    public static Command Create()
    {
        var server = new Option<string>("--server")
        {
            Description = "Connection string to a maintenance database of the PostgreSQL server (default: GA_TEST_PG)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GA_TEST_PG") ?? "",
        };
        var lines = new Option<long>("--lines") { Description = "Invoice lines to load at least", DefaultValueFactory = _ => 1_000_000 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the demo data", DefaultValueFactory = _ => 42 };
        var indexes = new Option<IndexStrategy>("--indexes") { Description = "auto, keep or rebuild", DefaultValueFactory = _ => IndexStrategy.Auto };
        var keep = new Option<bool>("--keep-database") { Description = "Leave the scratch database behind for inspection" };

        var command = new Command("seed-load", "Measure loading the demo shop with binary COPY: invoice lines per second, target 1 million lines in under a minute")
        {
            server, lines, seed, indexes, keep,
        };
        command.SetAction(async (parse, ct) =>
        {
            var admin = parse.GetValue(server);
            if (string.IsNullOrWhiteSpace(admin))
            {
                Console.Error.WriteLine("No server: pass --server or set GA_TEST_PG.");
                return 2;
            }

            var profile = ProfileFor(parse.GetValue(lines), parse.GetValue(seed));
            var database = $"bench_seed_{Guid.NewGuid():N}";
            var connection = await CreateDatabaseAsync(admin, database, ct);
            try
            {
                await new Migrator(connection).MigrateAsync([MigrationSet.Shop], ct);
                Console.WriteLine($"seed-load: scale {profile.Scale}, {profile.Days} days, about {DemoLoader.EstimatedLines(profile):N0} invoice lines into {database}");
                var summary = await new DemoLoader(connection).LoadAsync(profile, parse.GetValue(indexes), new EveryFewSeconds(), ct);
                Report(summary);
            }
            finally
            {
                if (!parse.GetValue(keep))
                {
                    await DropDatabaseAsync(admin, database);
                }
            }

            return 0;
        });
        return command;
    }

    // Whole scale units for the customer base, and enough days on top to reach the requested lines.
    private static DemoProfile ProfileFor(long lines, ulong seed)
    {
        var scale = Math.Max(1, (int)(lines / LinesPerScaleUnit));
        var days = (int)Math.Ceiling(DemoProfile.Default().Days * lines / (LinesPerScaleUnit * scale) * 1.03);
        return DemoProfile.Default(seed, scale) with { Days = days };
    }

    private static void Report(LoadSummary summary)
    {
        var lines = summary.RowsPerTable["invoice_lines"];
        Console.WriteLine($"invoice lines     {lines,14:N0}");
        Console.WriteLine($"rows, all tables  {summary.Rows,14:N0}");
        Console.WriteLine($"generate + copy   {summary.Copy.TotalSeconds,12:N1} s   {summary.Rows / summary.Copy.TotalSeconds,10:N0} rows/s   {lines / summary.Copy.TotalSeconds,10:N0} lines/s");
        Console.WriteLine($"indexes and keys  {summary.Indexes.TotalSeconds,12:N1} s   ({(summary.IndexesRebuilt ? "dropped and rebuilt" : "kept during the copy")})");
        Console.WriteLine($"tiers, sequences, analyze {summary.Finish.TotalSeconds,4:N1} s");
        Console.WriteLine($"total             {summary.Elapsed.TotalSeconds,12:N1} s   {lines / summary.Elapsed.TotalSeconds,10:N0} invoice lines/s");
        var perMillion = summary.Elapsed.TotalSeconds * 1_000_000 / lines;
        Console.WriteLine($"1 million lines   {perMillion,12:N1} s   target < 60 s: {(perMillion < 60 ? "met" : "NOT met")}");
    }

    // The database name is generated here, never input; DDL cannot take it as a parameter.
#pragma warning disable CA2100
    private static async Task<string> CreateDatabaseAsync(string admin, string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(ct);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await create.ExecuteNonQueryAsync(ct);
        return new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
    }

    private static async Task DropDatabaseAsync(string admin, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
#pragma warning restore CA2100

    private sealed class EveryFewSeconds : IProgress<LoadProgress>
    {
        private readonly Stopwatch _since = Stopwatch.StartNew();

        public void Report(LoadProgress value)
        {
            if (_since.Elapsed < TimeSpan.FromSeconds(10))
            {
                return;
            }

            _since.Restart();
            Console.Error.WriteLine($"  {value.Elapsed.TotalSeconds,5:N0} s  {value.Fraction,4:P0} {value.Phase}: {value.Rows:N0} rows, {value.InvoiceLines:N0} invoice lines");
        }
    }
}
