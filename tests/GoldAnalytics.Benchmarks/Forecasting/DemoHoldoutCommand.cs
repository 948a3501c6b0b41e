using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dapper;
using GoldAnalytics.Data.DemoData;
using GoldAnalytics.Data.DemoData.Loading;
using GoldAnalytics.Data.Forecasting;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Data.Migrations;
using Npgsql;

namespace GoldAnalytics.Benchmarks.Forecasting;

/// <summary>A demo-shop series as a planned run stored it.</summary>
public sealed record StoredSeries(string Level, string Key, string? Category, DateOnly Start, double[] History);

/// <summary>
/// goldanalytics-bench forecast-holdout: accuracy on the demo shop's own sales. (1) The trend + Fourier regression with
/// and without the shop's festival weeks, from four origins 13 weeks apart over the last year. (2) Weekly runs made
/// 13, 26, ... weeks before the last full week, reconciled by each method and scored against the 13 weeks that followed each.
/// </summary>
public static class DemoHoldoutCommand
{
    public static Command Create()
    {
        var connection = new Option<string>("--connection") { Description = "A shop database (runs are stored in it)", Required = true };
        var load = new Option<int?>("--load-demo") { Description = "Migrate and load the demo shop at this scale first, if the database has no invoices yet" };
        var until = new Option<DateOnly?>("--until") { Description = "Last day of sales of the loaded demo shop (default 2026-10-31; 2026-11-30 puts Diwali 2026 in the last year)" };
        var parallelism = new Option<int>("--parallelism") { Description = "Series or batches forecast at once", DefaultValueFactory = _ => 2 };
        var skipReconciliation = new Option<bool>("--festivals-only") { Description = "Only the festival comparison (no weekly run 13 weeks back)" };
        var skipFestivals = new Option<bool>("--reconciliation-only") { Description = "Only the reconciliation comparison (no festival comparison)" };
        var auto = new Option<bool>("--auto") { Description = "Also score the automatic selection with and without festival weeks (slower)" };
        var origins = new Option<int>("--origins") { Description = "Weekly runs made 13, 26, ... weeks back for the reconciliation comparison", DefaultValueFactory = _ => 3 };
        var command = new Command("forecast-holdout", "Demo-shop hold-out: regression with vs without festival weeks, and reconciliation methods against the weeks that followed")
        {
            connection, load, until, parallelism, skipReconciliation, skipFestivals, auto, origins,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(connection)!, parse.GetValue(load), parse.GetValue(until), parse.GetValue(parallelism),
            new HoldoutParts(!parse.GetValue(skipFestivals), !parse.GetValue(skipReconciliation)), parse.GetValue(auto), parse.GetValue(origins), ct));
        return command;
    }

    private sealed record HoldoutParts(bool Festivals, bool Reconciliation);

    private static async Task<int> RunAsync(string connection, int? scale, DateOnly? until, int parallelism, HoldoutParts parts, bool auto, int origins, CancellationToken cancellationToken)
    {
        if (scale is { } s)
        {
            await new Migrator(connection).MigrateAsync([MigrationSet.Shop], cancellationToken);
            var loaded = await new DemoLoader(connection).LoadIfNoInvoicesAsync(Profile(s, until), cancellationToken: cancellationToken);
            Console.WriteLine(loaded is null ? "demo shop already loaded" : $"loaded the demo shop at scale {s}: {loaded.RowsPerTable["invoice_lines"]:N0} invoice lines");
        }

        Console.WriteLine($"load average at the start: {LoadAverage()}");
        var clock = Stopwatch.StartNew();
        await using var dataSource = NpgsqlDataSource.Create(connection);
        var runs = new ForecastRuns(dataSource, new KpiRollups(dataSource));
        var latest = await runs.PlanAsync(new ForecastRunRequest($"bench-holdout-{Guid.NewGuid():N}"), cancellationToken);
        var (series, festivals) = await ReadAsync(dataSource, latest.RunId, cancellationToken);
        Console.WriteLine($"history to {latest.AsOf:yyyy-MM-dd}, {series.Count} series; festival weeks from the shop calendar: "
            + string.Join(", ", festivals.Select(f => $"{f.Name} ({f.Weeks.Count})")));
        if (parts.Festivals)
        {
            FestivalHoldout.Print(series, festivals, parallelism, auto);
            Console.WriteLine($"festival comparison done at {clock.Elapsed.TotalSeconds:F0} s, load average {LoadAverage()}");
        }

        if (parts.Reconciliation)
        {
            await ReconciliationHoldout.RunAsync(dataSource, runs, latest, series, parallelism, origins, cancellationToken);
            Console.WriteLine($"reconciliation comparison done at {clock.Elapsed.TotalSeconds:F0} s, load average {LoadAverage()}");
        }

        return 0;
    }

    // A later end keeps the default first day, so the shop still has three full years behind the run.
    private static DemoProfile Profile(int scale, DateOnly? until)
    {
        var profile = DemoProfile.Default(scale: scale);
        return until is { } end ? profile with { EndDate = end, Days = profile.Days + end.DayNumber - profile.EndDate.DayNumber } : profile;
    }

    /// <summary>A run's series and the festival weeks stored with it.</summary>
    public static async Task<(List<StoredSeries> Series, List<RunFestival> Festivals)> ReadAsync(NpgsqlDataSource dataSource, long runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Level, string Key, string? Category, DateTime Start, double[] History)>(new CommandDefinition(
            "SELECT level, series_key, category, history_start, history FROM forecast_series WHERE run_id = @runId ORDER BY level, series_key", new { runId }, cancellationToken: cancellationToken));
        var festivals = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT festivals::text FROM forecast_runs WHERE id = @runId", new { runId }, cancellationToken: cancellationToken));
        return ([.. rows.Select(r => new StoredSeries(r.Level, r.Key, r.Category, DateOnly.FromDateTime(r.Start), r.History))],
            JsonSerializer.Deserialize<List<RunFestival>>(festivals!, new JsonSerializerOptions(JsonSerializerDefaults.Web))!);
    }

    public static string Format(double value) => double.IsFinite(value) ? value.ToString("F3", CultureInfo.InvariantCulture) : "-";

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
