using Dapper;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Insights;

/// <summary>A branch's sales, profit and margin in one month (clipped to the range).</summary>
public sealed record BranchMonth(int BranchId, string Branch, DateOnly Month, decimal Revenue, decimal NetRevenue, decimal GrossProfit, decimal? Margin);

/// <summary>Branch performance over time: sales, profit and margin per branch and month.</summary>
public static class BranchPerformance
{
    public static async Task<IReadOnlyList<BranchMonth>> LoadAsync(NpgsqlConnection connection, KpiFilter filter, DateRange range, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(int BranchId, string Branch, DateTime Month, decimal Revenue, decimal NetRevenue, decimal GrossProfit)>(
            new CommandDefinition(Sql, InsightParameters.For(filter, range), cancellationToken: cancellationToken));
        return [.. rows.Select(r => new BranchMonth(r.BranchId, r.Branch, DateOnly.FromDateTime(r.Month), r.Revenue, r.NetRevenue, r.GrossProfit,
            r.NetRevenue == 0 ? null : r.GrossProfit / r.NetRevenue))];
    }

    private const string Sql = $"""
        SELECT s.branch_id, b.name, date_trunc('month', s.day)::date AS month,
               sum(gross_sales - discounts)::numeric, sum(gross_sales - discounts - refunds)::numeric,
               sum(gross_sales - discounts - refunds - cost + refunded_cost)::numeric
          FROM sales_daily s JOIN branches b ON b.id = s.branch_id
         WHERE s.day BETWEEN @from AND @to {KpiParameters.SalesWhere}
         GROUP BY s.branch_id, b.name, 3
         ORDER BY s.branch_id, 3
        """;
}
