using Dapper;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Insights;

/// <summary>A salesperson's share of one category's net revenue.</summary>
public sealed record CategoryShare(string Category, decimal NetRevenue, decimal? Share);

/// <summary>One row of the leaderboard: ranked by gross profit.</summary>
public sealed record SalespersonRank(
    int Rank, int SalespersonId, string Name, int BranchId, decimal Revenue, decimal NetRevenue, decimal GrossProfit,
    decimal? Margin, long Transactions, decimal? AverageMarginPerSale, IReadOnlyList<CategoryShare> ProductMix);

/// <summary>Salespeople ranked by gross profit, with sales, margin, average margin per sale and product mix.</summary>
public static class SalespersonLeaderboard
{
    public static async Task<PagedList<SalespersonRank>> LoadAsync(NpgsqlConnection connection, KpiFilter filter, DateRange range, PageRequest page, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(Sql, InsightParameters.For(filter, range, page), cancellationToken: cancellationToken))).ToList();
        var parameters = InsightParameters.For(filter, range);
        parameters.Add("ids", rows.Select(r => r.SalespersonId).ToArray());
        var mix = (await connection.QueryAsync<(int SalespersonId, string Category, decimal NetRevenue)>(new CommandDefinition(
            MixSql, parameters, cancellationToken: cancellationToken))).ToLookup(m => m.SalespersonId);
        var items = rows.Select(r =>
        {
            var total = mix[r.SalespersonId].Sum(m => m.NetRevenue);
            return new SalespersonRank((int)r.Rank, r.SalespersonId, r.Name, r.BranchId, r.Revenue, r.NetRevenue, r.GrossProfit,
                Ratio(r.GrossProfit, r.NetRevenue), r.Transactions, Ratio(r.GrossProfit, r.Transactions),
                [.. mix[r.SalespersonId].OrderByDescending(m => m.NetRevenue).Select(m => new CategoryShare(m.Category, m.NetRevenue, Ratio(m.NetRevenue, total)))]);
        }).ToList();
        return new PagedList<SalespersonRank>(items, page.Page, page.Size, rows.FirstOrDefault()?.Total ?? 0);
    }

    private static decimal? Ratio(decimal numerator, decimal denominator) => denominator == 0 ? null : numerator / denominator;

    private sealed record Row(long Rank, int SalespersonId, string Name, int BranchId, decimal Revenue, decimal NetRevenue, decimal GrossProfit, long Transactions, long Total);

    private const string Sql = $"""
        WITH s AS (
            SELECT salesperson_id, {InsightParameters.Money}, sum(transactions)::bigint AS cell_transactions
              FROM sales_daily
             WHERE day BETWEEN @from AND @to {KpiParameters.SalesWhere}
             GROUP BY salesperson_id),
        i AS (
            SELECT salesperson_id, sum(transactions)::bigint AS transactions
              FROM invoice_daily
             WHERE day BETWEEN @from AND @to AND (@branch::int IS NULL OR branch_id = @branch)
             GROUP BY salesperson_id)
        SELECT row_number() OVER (ORDER BY s.gross_profit DESC, s.salesperson_id) AS rank,
               s.salesperson_id AS salespersonid, st.name, st.branch_id AS branchid, s.revenue, s.net_revenue AS netrevenue, s.gross_profit AS grossprofit,
               CASE WHEN @product_line::int IS NULL AND @category::text IS NULL AND @karat::smallint IS NULL
                    THEN coalesce(i.transactions, 0) ELSE s.cell_transactions END AS transactions,
               count(*) OVER () AS total
          FROM s JOIN staff st ON st.id = s.salesperson_id LEFT JOIN i USING (salesperson_id)
         ORDER BY s.gross_profit DESC, s.salesperson_id
         LIMIT @limit OFFSET @offset
        """;

    private const string MixSql = $"""
        SELECT salesperson_id, category, sum(gross_sales - discounts - refunds)::numeric
          FROM sales_daily
         WHERE day BETWEEN @from AND @to AND salesperson_id = ANY(@ids) {KpiParameters.SalesWhere}
         GROUP BY salesperson_id, category
        """;
}
