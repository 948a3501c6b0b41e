using Dapper;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Insights;

/// <summary>Profit of one product or product line over the range.</summary>
public sealed record ProfitRow(int Rank, int Id, string Code, string Name, decimal Revenue, decimal NetRevenue, decimal GrossProfit, decimal? Margin, long Units);

/// <summary>Most profitable products (SKUs) and product lines, ranked by gross profit.</summary>
public static class ProductProfitability
{
    /// <summary>SKUs ranked by gross profit (product_daily has no salesperson; that filter is refused upstream).</summary>
    public static Task<PagedList<ProfitRow>> ProductsAsync(NpgsqlConnection connection, KpiFilter filter, DateRange range, PageRequest page, CancellationToken cancellationToken) =>
        LoadAsync(connection, ProductsSql, filter, range, page, cancellationToken);

    /// <summary>Product lines ranked by gross profit.</summary>
    public static Task<PagedList<ProfitRow>> ProductLinesAsync(NpgsqlConnection connection, KpiFilter filter, DateRange range, PageRequest page, CancellationToken cancellationToken) =>
        LoadAsync(connection, LinesSql, filter, range, page, cancellationToken);

    private static async Task<PagedList<ProfitRow>> LoadAsync(NpgsqlConnection connection, string sql, KpiFilter filter, DateRange range, PageRequest page, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(sql, InsightParameters.For(filter, range, page), cancellationToken: cancellationToken))).ToList();
        return new PagedList<ProfitRow>(
            [.. rows.Select(r => new ProfitRow((int)r.Rank, r.Id, r.Code, r.Name, r.Revenue, r.NetRevenue, r.GrossProfit,
                r.NetRevenue == 0 ? null : r.GrossProfit / r.NetRevenue, r.Units))],
            page.Page, page.Size, rows.FirstOrDefault()?.Total ?? 0);
    }

    private sealed record Row(long Rank, int Id, string Code, string Name, decimal Revenue, decimal NetRevenue, decimal GrossProfit, long Units, long Total);

    private const string ProductsSql = $"""
        WITH s AS (
            SELECT product_id, {InsightParameters.Money}
              FROM product_daily
             WHERE day BETWEEN @from AND @to {KpiParameters.ProductWhere}
             GROUP BY product_id)
        SELECT row_number() OVER (ORDER BY s.gross_profit DESC, s.product_id) AS rank, s.product_id AS id, p.sku AS code, p.name,
               s.revenue, s.net_revenue AS netrevenue, s.gross_profit AS grossprofit, s.units, count(*) OVER () AS total
          FROM s JOIN products p ON p.id = s.product_id
         ORDER BY s.gross_profit DESC, s.product_id
         LIMIT @limit OFFSET @offset
        """;

    private const string LinesSql = $"""
        WITH s AS (
            SELECT product_line_id, {InsightParameters.Money}
              FROM sales_daily
             WHERE day BETWEEN @from AND @to {KpiParameters.SalesWhere}
             GROUP BY product_line_id)
        SELECT row_number() OVER (ORDER BY s.gross_profit DESC, s.product_line_id) AS rank, s.product_line_id AS id, l.code, l.name,
               s.revenue, s.net_revenue AS netrevenue, s.gross_profit AS grossprofit, s.units, count(*) OVER () AS total
          FROM s JOIN product_lines l ON l.id = s.product_line_id
         ORDER BY s.gross_profit DESC, s.product_line_id
         LIMIT @limit OFFSET @offset
        """;
}
