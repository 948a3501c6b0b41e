using System.Diagnostics;
using Dapper;
using GoldAnalytics.Data.Kpis;
using Npgsql;

namespace GoldAnalytics.Benchmarks.Kpis;

/// <summary>
/// Where an import is better served by the full rebuild than by the cell-by-cell refresh: marks the
/// cells an import of the latest N days of sales would mark (sales and stock, every branch), times the
/// refresh that rebuilds them, and sets it against the full rebuild's time.
/// </summary>
internal static class ImportCrossover
{
    public static async Task MeasureAsync(NpgsqlDataSource dataSource, KpiRollups rollups, DatabaseCpu cpu, IReadOnlyList<int> days, RollupRebuildSummary rebuild, Dictionary<string, string> reference)
    {
        if (days.Count == 0)
        {
            return;
        }

        var allLines = await FullRebuildBenchmark.ScalarAsync<long>(dataSource, "SELECT count(*) FROM invoice_lines");
        foreach (var n in days)
        {
            await using (var connection = await dataSource.OpenConnectionAsync())
            {
                await connection.ExecuteAsync(MarkLatestDays, new { days = n }, commandTimeout: 0);
            }

            var lines = await FullRebuildBenchmark.ScalarAsync<long>(dataSource, $"SELECT count(*) FROM invoice_lines WHERE business_date > (SELECT max(business_date) FROM invoice_lines) - {n}");
            cpu.Lap();
            var clock = Stopwatch.StartNew();
            var refreshed = await rollups.RefreshDirtyCellsAsync();
            var elapsed = clock.Elapsed;
            var perDay = elapsed.TotalSeconds / refreshed.Count;
            FullRebuildBenchmark.Print($"import of the latest {n} days ({refreshed.Count} days, {lines:N0} lines, {100.0 * lines / allLines:F1} % of all): cell-by-cell refresh {elapsed.TotalSeconds:F1} s ({perDay:F3} s a day), database CPU {FullRebuildBenchmark.Cpu(cpu.Lap())}; the rebuild's {rebuild.Elapsed.TotalSeconds:F1} s equal about {rebuild.Elapsed.TotalSeconds / perDay:F0} such days");
        }

        var after = await RollupFingerprint.ReadAsync(dataSource);
        var differing = after.Where(t => reference[t.Key] != t.Value).Select(t => t.Key).ToList();
        FullRebuildBenchmark.Print($"rollups after the refreshes equal the rebuilt ones: {(differing.Count == 0 ? "yes" : "NO: " + string.Join(", ", differing))}");
    }

    // What an import's COPY statements mark: every (day, branch) cell of the sales and the stock it brings.
    private const string MarkLatestDays = """
        SELECT kpi_mark_cells(array_agg(day), array_agg(branch_id), 'sales')
          FROM (SELECT DISTINCT day, branch_id FROM invoice_daily WHERE day > (SELECT max(day) FROM invoice_daily) - @days) c;
        SELECT kpi_mark_cells(array_agg(day), array_agg(branch_id), 'stock')
          FROM (SELECT DISTINCT day, branch_id FROM stock_daily WHERE day > (SELECT max(day) FROM stock_daily) - @days) c;
        """;
}
