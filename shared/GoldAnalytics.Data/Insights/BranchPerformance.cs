using Dapper;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Insights;

/// <summary>A branch's sales, profit and margin in one month (clipped to the range).</summary>
public sealed record BranchMonth(int BranchId, string Branch, DateOnly Month, decimal Revenue, decimal NetRevenue, decimal GrossProfit, decimal? Margin);

/// <summary>Branch performance over time: sales, profit and margin per branch and month, from range blocks of sales_daily.</summary>
public sealed class BranchPerformance
{
    private readonly RangeBlocks<KpiFilter, (int BranchId, DateOnly Month), ProfitSums> _blocks = new(LoadBlocksAsync, (a, b) => a + b);

    /// <summary>Drops the blocks of changed days.</summary>
    public void Invalidate(IReadOnlyList<DateOnly> days) => _blocks.Invalidate(days);

    public async Task<IReadOnlyList<BranchMonth>> LoadAsync(NpgsqlConnection connection, KpiFilter filter, DateRange range, CancellationToken cancellationToken)
    {
        var sums = await _blocks.SumAsync(connection, filter, range, cancellationToken);
        var branches = (await connection.QueryAsync<(int Id, string Name)>(new CommandDefinition(
            "SELECT id, name FROM branches WHERE id = ANY(@ids)", new { ids = sums.Keys.Select(k => k.BranchId).Distinct().ToArray() },
            cancellationToken: cancellationToken))).ToDictionary(b => b.Id, b => b.Name);
        return [.. sums.Where(s => branches.ContainsKey(s.Key.BranchId)).OrderBy(s => s.Key.BranchId).ThenBy(s => s.Key.Month)
            .Select(s => new BranchMonth(s.Key.BranchId, branches[s.Key.BranchId], s.Key.Month, s.Value.Revenue, s.Value.NetRevenue, s.Value.GrossProfit,
                s.Value.NetRevenue == 0 ? null : s.Value.GrossProfit / s.Value.NetRevenue))];
    }

    private static async Task<IEnumerable<BlockRow<(int, DateOnly), ProfitSums>>> LoadBlocksAsync(
        NpgsqlConnection connection, KpiFilter filter, DateRange span, bool byDay, CancellationToken cancellationToken)
    {
        var parameters = InsightParameters.For(filter, span);
        parameters.Add("by_day", byDay);
        var rows = await connection.QueryAsync<(DateTime Bucket, int BranchId, DateTime Month, decimal Revenue, decimal NetRevenue, decimal GrossProfit, long Units)>(
            new CommandDefinition(Sql, parameters, cancellationToken: cancellationToken));
        return rows.Select(r => new BlockRow<(int, DateOnly), ProfitSums>(DateOnly.FromDateTime(r.Bucket), (r.BranchId, DateOnly.FromDateTime(r.Month)),
            new ProfitSums(r.Revenue, r.NetRevenue, r.GrossProfit, r.Units, 0)));
    }

    private const string Sql = $"""
        SELECT {InsightParameters.Bucket}, branch_id, date_trunc('month', day)::date, {InsightParameters.Money}
          FROM sales_daily
         WHERE day BETWEEN @from AND @to {KpiParameters.SalesWhere}
         GROUP BY 1, 2, 3
        """;
}
