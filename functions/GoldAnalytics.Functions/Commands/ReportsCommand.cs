using System.CommandLine;
using System.Globalization;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Data.Reports;
using Npgsql;

namespace GoldAnalytics.Functions.Commands;

/// <summary><c>goldanalytics reports rebuild</c>: rebuilds every rollup from the lines, then every period report.</summary>
internal static class ReportsCommand
{
    public static Command Create()
    {
        var connection = CommonOptions.ConnectionString();
        var parallelism = new Option<int>("--parallelism") { Description = "Period batches recomputed at once", DefaultValueFactory = _ => 2 };
        var rebuild = new Command("rebuild", "Rebuild every KPI rollup from the invoice lines, refunds, stock movements and expenses (set-based), then every period report and KPI snapshot")
        {
            connection, parallelism,
        };
        rebuild.SetAction(async (parse, ct) =>
        {
            await using var dataSource = NpgsqlDataSource.Create(CommonOptions.RequireConnection(parse.GetValue(connection)!));
            var run = await new PeriodReports(dataSource, new KpiRollups(dataSource)).RunAsync(fullRebuild: true, parse.GetValue(parallelism), ct);
            if (run.RollupRebuild is { } rollups)
            {
                Print(rollups);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Rebuilt {run.PeriodsRecomputed:N0} periods (day, week, month, quarter, year × shop, branch, product line, SKU) in {run.Elapsed.TotalSeconds:N1} s, rollups included."));
            return 0;
        });
        return new Command("reports", "Historical period reports") { rebuild };
    }

    /// <summary>Prints what a rollup rebuild did, step by step.</summary>
    public static void Print(RollupRebuildSummary rollups)
    {
        ArgumentNullException.ThrowIfNull(rollups);
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(invariant, $"Rollups rebuilt from the lines in {rollups.Elapsed.TotalSeconds:N1} s ({rollups.Months} months, {rollups.Sessions} session(s)):"));
        foreach (var step in rollups.Steps)
        {
            Console.WriteLine(string.Create(invariant, $"  {step.Name,-72} {step.Elapsed.TotalSeconds,7:N1} s"));
        }

        Console.WriteLine("  " + string.Join(", ", rollups.Rows.Select(r => string.Create(invariant, $"{r.Key} {r.Value:N0}"))));
    }
}
