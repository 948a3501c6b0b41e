using Dapper;
using GoldAnalytics.Data.Kpis.Customers;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Insights;

/// <summary>A customer's value in the range, ranked by gross profit.</summary>
public sealed record ValuableCustomer(int Rank, long CustomerId, string Name, decimal NetRevenue, decimal GrossProfit, long Invoices, DateOnly LastPurchase);

/// <summary>A share of the top decile's (and of all customers') net revenue.</summary>
public sealed record ProfileShare(string Key, decimal TopDecileShare, decimal AllCustomersShare);

/// <summary>What the top tenth of customers by gross profit look like, next to everyone.</summary>
public sealed record IdealCustomerProfile(
    long Customers, long TopDecileCustomers, decimal TopDecileProfitShare,
    decimal? TopDecileTicketSize, decimal? AllTicketSize, decimal? TopDecileFrequency, decimal? AllFrequency,
    IReadOnlyList<ProfileShare> Categories, IReadOnlyList<ProfileShare> Karats, IReadOnlyList<ProfileShare> Branches);

/// <summary>Most valuable customers and the ideal-customer profile of the top decile.</summary>
public static class ValuableCustomers
{
    /// <summary>Customers ranked by gross profit, from the customer ledger's sums over the range.</summary>
    public static async Task<PagedList<ValuableCustomer>> RankAsync(
        NpgsqlConnection connection, IReadOnlyList<CustomerSums> sums, PageRequest page, CancellationToken cancellationToken)
    {
        var shown = sums.OrderByDescending(s => s.GrossProfit).ThenBy(s => s.CustomerId).Skip(page.Offset).Take(page.Size).ToList();
        var names = (await connection.QueryAsync<(long Id, string Name)>(new CommandDefinition(
            "SELECT id, name FROM customers WHERE id = ANY(@ids)", new { ids = shown.Select(s => s.CustomerId).ToArray() },
            cancellationToken: cancellationToken))).ToDictionary(c => c.Id, c => c.Name);
        return new PagedList<ValuableCustomer>(
            [.. shown.Select((s, i) => new ValuableCustomer(page.Offset + i + 1, s.CustomerId, names.GetValueOrDefault(s.CustomerId, ""), s.NetRevenue, s.GrossProfit, s.Invoices, s.LastDay))],
            page.Page, page.Size, sums.Count);
    }

    public static async Task<IdealCustomerProfile> ProfileAsync(NpgsqlConnection connection, int? branchId, DateRange range, CancellationToken cancellationToken)
    {
        var parameters = InsightParameters.For(new KpiFilter(BranchId: branchId), range);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(DecileSql, parameters, transaction, cancellationToken: cancellationToken));
        var summary = await connection.QuerySingleAsync<(long Customers, long Top, decimal TopProfit, decimal AllProfit, decimal TopRevenue, decimal AllRevenue, long TopInvoices, long AllInvoices)>(
            new CommandDefinition(SummarySql, transaction: transaction, cancellationToken: cancellationToken));
        var shares = (await connection.QueryAsync<(string Kind, string Key, decimal Top, decimal All)>(
            new CommandDefinition(SharesSql, parameters, transaction, cancellationToken: cancellationToken))).ToList();
        await transaction.CommitAsync(cancellationToken);

        IReadOnlyList<ProfileShare> Shares(string kind)
        {
            var ofKind = shares.Where(s => s.Kind == kind).ToList();
            var (top, all) = (ofKind.Sum(s => s.Top), ofKind.Sum(s => s.All));
            return [.. ofKind.Select(s => new ProfileShare(s.Key, top == 0 ? 0 : s.Top / top, all == 0 ? 0 : s.All / all)).OrderByDescending(s => s.TopDecileShare)];
        }

        return new IdealCustomerProfile(
            summary.Customers, summary.Top, summary.AllProfit == 0 ? 0 : summary.TopProfit / summary.AllProfit,
            Ratio(summary.TopRevenue, summary.TopInvoices), Ratio(summary.AllRevenue, summary.AllInvoices),
            Ratio(summary.TopInvoices, summary.Top), Ratio(summary.AllInvoices, summary.Customers),
            Shares("category"), Shares("karat"), Shares("branch"));
    }

    private static decimal? Ratio(decimal numerator, decimal denominator) => denominator == 0 ? null : numerator / denominator;

    // Deciles by gross profit; decile 1 is the top tenth.
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

    // Categories and karats come from the customers' own lines (by the customer index); branches from customer_daily.
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
