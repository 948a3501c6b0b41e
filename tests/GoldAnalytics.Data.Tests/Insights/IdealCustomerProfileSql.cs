using Dapper;
using GoldAnalytics.Data.Insights;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Tests.Insights;

/// <summary>The ideal-customer profile straight from SQL (deciles by ntile, shares from the customers' lines): the reference the in-memory profile must equal.</summary>
internal static class IdealCustomerProfileSql
{
    public static async Task<IdealCustomerProfile> ProfileAsync(NpgsqlConnection connection, int? branchId, DateRange range)
    {
        var parameters = new DynamicParameters();
        parameters.Add("from", range.From.ToDateTime(TimeOnly.MinValue), System.Data.DbType.Date);
        parameters.Add("to", range.To.ToDateTime(TimeOnly.MinValue), System.Data.DbType.Date);
        parameters.Add("branch", branchId, System.Data.DbType.Int32);
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(DecileSql, parameters, transaction);
        var summary = await connection.QuerySingleAsync<(long Customers, long Top, decimal TopProfit, decimal AllProfit, decimal TopRevenue, decimal AllRevenue, long TopInvoices, long AllInvoices)>(
            SummarySql, transaction: transaction);
        var shares = (await connection.QueryAsync<(string Kind, string Key, decimal Top, decimal All)>(SharesSql, parameters, transaction)).ToList();
        await transaction.CommitAsync();

        IReadOnlyList<ProfileShare> Shares(string kind)
        {
            var ofKind = shares.Where(s => s.Kind == kind).ToList();
            var (top, all) = (ofKind.Sum(s => s.Top), ofKind.Sum(s => s.All));
            return [.. ofKind.Select(s => new ProfileShare(s.Key, top == 0 ? 0 : s.Top / top, all == 0 ? 0 : s.All / all))
                .OrderByDescending(s => s.TopDecileShare).ThenBy(s => s.Key, StringComparer.Ordinal)];
        }

        return new IdealCustomerProfile(
            summary.Customers, summary.Top, summary.AllProfit == 0 ? 0 : summary.TopProfit / summary.AllProfit,
            Ratio(summary.TopRevenue, summary.TopInvoices), Ratio(summary.AllRevenue, summary.AllInvoices),
            Ratio(summary.TopInvoices, summary.Top), Ratio(summary.AllInvoices, summary.Customers),
            Shares("category"), Shares("karat"), Shares("branch"));
    }

    private static decimal? Ratio(decimal numerator, decimal denominator) => denominator == 0 ? null : numerator / denominator;

    private const string DecileSql = """
        CREATE TEMP TABLE icp_customers ON COMMIT DROP AS
        SELECT customer_id, net, profit, invoices, ntile(10) OVER (ORDER BY profit DESC, customer_id) AS decile
          FROM (SELECT customer_id, sum(net_revenue) AS net, sum(gross_profit) AS profit, sum(invoices) AS invoices
                  FROM customer_daily
                 WHERE day BETWEEN @from AND @to AND (@branch::int IS NULL OR branch_id = @branch)
                 GROUP BY customer_id HAVING sum(invoices) > 0) c
        """;

    private const string SummarySql = """
        SELECT count(*), count(*) FILTER (WHERE decile = 1),
               coalesce(sum(profit) FILTER (WHERE decile = 1), 0), coalesce(sum(profit), 0),
               coalesce(sum(net) FILTER (WHERE decile = 1), 0), coalesce(sum(net), 0),
               coalesce(sum(invoices) FILTER (WHERE decile = 1), 0)::bigint, coalesce(sum(invoices), 0)::bigint
          FROM icp_customers
        """;

    private const string SharesSql = """
        WITH l AS (
            SELECT l.category, l.karat, l.gold_value + l.making_charge + l.stone_value - l.discount AS revenue, k.decile
              FROM icp_customers k
              JOIN invoice_lines l ON l.customer_id = k.customer_id AND l.business_date BETWEEN @from AND @to AND l.deleted_at IS NULL
                                  AND (@branch::int IS NULL OR l.branch_id = @branch))
        SELECT 'category', category, coalesce(sum(revenue) FILTER (WHERE decile = 1), 0), sum(revenue) FROM l GROUP BY category
        UNION ALL
        SELECT 'karat', karat::text || 'K', coalesce(sum(revenue) FILTER (WHERE decile = 1), 0), sum(revenue) FROM l GROUP BY karat
        UNION ALL
        SELECT 'branch', b.name, coalesce(sum(c.net_revenue) FILTER (WHERE k.decile = 1), 0), sum(c.net_revenue)
          FROM icp_customers k
          JOIN customer_daily c ON c.customer_id = k.customer_id AND c.day BETWEEN @from AND @to AND (@branch::int IS NULL OR c.branch_id = @branch)
          JOIN branches b ON b.id = c.branch_id
         GROUP BY b.name
        """;
}
