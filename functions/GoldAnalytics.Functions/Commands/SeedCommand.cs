using System.CommandLine;
using System.Globalization;
using GoldAnalytics.Data.DemoData;
using GoldAnalytics.Data.DemoData.Loading;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Data.Migrations;
using Npgsql;

namespace GoldAnalytics.Functions.Commands;

/// <summary><c>goldanalytics seed</c>: applies migrations and loads the deterministic demo shop.</summary>
internal static class SeedCommand
{
    public static Command Create()
    {
        var connection = CommonOptions.ConnectionString();
        var seed = new Option<ulong>("--seed") { Description = "Seed of the demo data; the same seed gives the same rows", DefaultValueFactory = _ => 42 };
        var scale = new Option<int>("--scale") { Description = "Multiplies customers and sales: 1 is about 490,000 invoice lines, 25 about 11.2 million", DefaultValueFactory = _ => 1 };
        var ifEmpty = new Option<bool>("--if-empty") { Description = "Load only when the shop has no invoices yet (otherwise do nothing)" };
        var until = new Option<string>("--until")
        {
            Description = $"Last business day of the three years: a date (yyyy-MM-dd) or 'yesterday' (default {DemoProfile.DefaultEndDate:yyyy-MM-dd}, fixed so the data never changes)",
            DefaultValueFactory = _ => DemoProfile.DefaultEndDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        var shape = new Option<string>("--profile")
        {
            Description = "default: three years, 400 SKUs, 3,000 customers per scale; small: 60 days, 60 SKUs, 300 customers (for quick checks)",
            DefaultValueFactory = _ => "default",
        };
        shape.AcceptOnlyFromAmong("default", "small");
        var indexes = new Option<IndexStrategy>("--indexes") { Description = "Keep indexes during the load, or drop and rebuild them (auto: rebuild from 100,000 lines)", DefaultValueFactory = _ => IndexStrategy.Auto };

        var command = new Command("seed", "Apply migrations and load the demo gold shop (three branches, three years of sales) with binary COPY")
        {
            connection, seed, scale, ifEmpty, until, shape, indexes,
        };
        command.SetAction(async (parse, ct) =>
        {
            var database = CommonOptions.RequireConnection(parse.GetValue(connection)!);
            var basis = parse.GetValue(shape) == "small" ? DemoProfile.Small(parse.GetValue(seed)) : DemoProfile.Default(parse.GetValue(seed));
            var profile = basis with { Scale = parse.GetValue(scale), EndDate = EndDate(parse.GetValue(until)!) };
            await new Migrator(database).MigrateAsync(AppMigrations.All, ct);

            Console.Error.WriteLine($"Loading the demo shop: seed {profile.Seed}, scale {profile.Scale}, {profile.StartDate:yyyy-MM-dd} to {profile.EndDate:yyyy-MM-dd}, about {DemoLoader.EstimatedLines(profile):N0} invoice lines");
            var loader = new DemoLoader(database);
            var bar = new SeedProgressBar(Console.Error);
            var summary = parse.GetValue(ifEmpty)
                ? await loader.LoadIfNoInvoicesAsync(profile, parse.GetValue(indexes), bar, ct)
                : await loader.LoadAsync(profile, parse.GetValue(indexes), bar, ct);
            bar.Done();
            if (summary is null)
            {
                Console.WriteLine("The shop already has invoices; demo data not loaded.");
                return 0;
            }

            Print(summary);

            // The load's COPY statements marked every (day, branch) cell dirty; rebuilding them all
            // set-based now is minutes faster than letting the first dashboard request refresh them cell by cell.
            await using var dataSource = NpgsqlDataSource.Create(database);
            ReportsCommand.Print(await new KpiRollups(dataSource).RebuildAllAsync(cancellationToken: ct));
            return 0;
        });
        return command;
    }

    private static DateOnly EndDate(string value) =>
        value.Equals("yesterday", StringComparison.OrdinalIgnoreCase)
            ? DateOnly.FromDateTime(DateTime.UtcNow.AddHours(4)).AddDays(-1)
            : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day
                : throw new ArgumentException($"--until takes a date as yyyy-MM-dd or 'yesterday', not '{value}'.");

    private static void Print(LoadSummary summary)
    {
        foreach (var (table, rows) in summary.RowsPerTable.Where(t => t.Value > 0))
        {
            Console.WriteLine($"  {table,-22} {rows,12:N0}");
        }

        var lines = summary.RowsPerTable["invoice_lines"];
        Console.WriteLine(
            $"Loaded {summary.Rows:N0} rows ({lines:N0} invoice lines) in {summary.Elapsed.TotalSeconds:N1} s: " +
            $"copy {summary.Copy.TotalSeconds:N1} s ({summary.Rows / summary.Copy.TotalSeconds:N0} rows/s, {lines / summary.Copy.TotalSeconds:N0} lines/s), " +
            $"indexes {(summary.IndexesRebuilt ? "rebuilt" : "kept")} {summary.Indexes.TotalSeconds:N1} s, finish {summary.Finish.TotalSeconds:N1} s; " +
            $"{lines / summary.Elapsed.TotalSeconds:N0} invoice lines/s overall.");
    }
}
