using Dapper;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Insights;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Insights;

/// <summary>Two products bought on the same invoices, with their association measures.</summary>
public sealed record ProductPair(int ProductA, string SkuA, int ProductB, string SkuB, long Invoices, decimal Support, decimal ConfidenceAToB, decimal ConfidenceBToA, decimal Lift);

/// <summary>Product pairs at or above the minimum support, strongest lift first.</summary>
public sealed record BoughtTogetherReport(long Baskets, decimal MinimumSupport, long MinimumInvoices, PagedList<ProductPair> Pairs);

/// <summary>
/// Products bought together, from invoice baskets. Pairs are counted in SQL with a self-join of the
/// (invoice, product) set in the range, pruned by HAVING to the minimum support before anything
/// leaves the database: at ~2.5 lines per invoice a basket of k products yields k(k−1)/2 pairs, so
/// 10M lines make a few million pair rows, aggregated in one hash pass.
/// </summary>
public static class BoughtTogether
{
    public static async Task<BoughtTogetherReport> LoadAsync(
        NpgsqlConnection connection, KpiFilter filter, DateRange range, decimal minimumSupport, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumSupport);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumSupport, 1m);
        var parameters = InsightParameters.For(filter, range, page);
        var baskets = await connection.ExecuteScalarAsync<long>(new CommandDefinition(BasketsSql, parameters, cancellationToken: cancellationToken, commandTimeout: 0));
        var minimum = Affinity.MinimumBaskets(baskets, minimumSupport);
        parameters.Add("min_invoices", minimum);
        parameters.Add("baskets", baskets);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(PairsSql, parameters, cancellationToken: cancellationToken, commandTimeout: 0))).ToList();
        var pairs = rows.Select(r => (Row: r, Measures: Affinity.Measure(new PairCounts(baskets, r.WithA, r.WithB, r.WithBoth))!))
            .Select(p => new ProductPair(p.Row.ProductA, p.Row.SkuA, p.Row.ProductB, p.Row.SkuB, p.Row.WithBoth,
                p.Measures.Support, p.Measures.ConfidenceAToB, p.Measures.ConfidenceBToA, p.Measures.Lift))
            .ToList();
        return new BoughtTogetherReport(baskets, minimumSupport, minimum, new PagedList<ProductPair>(pairs, page.Page, page.Size, rows.FirstOrDefault()?.Total ?? 0));
    }

    private sealed record Row(int ProductA, string SkuA, int ProductB, string SkuB, long WithA, long WithB, long WithBoth, long Total);

    private const string Lines = $"""
        SELECT DISTINCT invoice_id, product_id
          FROM invoice_lines
         WHERE business_date BETWEEN @from AND @to AND deleted_at IS NULL {KpiParameters.SalesWhere}
        """;

    private const string BasketsSql = $"SELECT count(DISTINCT invoice_id) FROM ({Lines}) b";

    // Lift = both·n / (a·b) orders the pairs; the exact decimal measures are computed in the domain.
    private const string PairsSql = $"""
        WITH basket AS MATERIALIZED ({Lines}),
        single AS (SELECT product_id, count(*) AS invoices FROM basket GROUP BY product_id),
        pair AS (
            SELECT a.product_id AS a, b.product_id AS b, count(*) AS both_invoices
              FROM basket a JOIN basket b ON b.invoice_id = a.invoice_id AND b.product_id > a.product_id
             GROUP BY a.product_id, b.product_id
            HAVING count(*) >= @min_invoices)
        SELECT p.a AS producta, pa.sku AS skua, p.b AS productb, pb.sku AS skub, sa.invoices AS witha, sb.invoices AS withb,
               p.both_invoices AS withboth, count(*) OVER () AS total
          FROM pair p
          JOIN single sa ON sa.product_id = p.a
          JOIN single sb ON sb.product_id = p.b
          JOIN products pa ON pa.id = p.a
          JOIN products pb ON pb.id = p.b
         ORDER BY p.both_invoices::numeric * @baskets / (sa.invoices * sb.invoices) DESC, p.both_invoices DESC, p.a, p.b
         LIMIT @limit OFFSET @offset
        """;
}
