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
/// Products bought together, from invoice baskets: the distinct (invoice, product) set in the range
/// under the filters. An invoice lies in one day, so basket, single and pair counts add up over days:
/// they are kept as range blocks (months and days), counted in SQL with a self-join of each block's
/// baskets, and pruned to the minimum support only after the blocks are summed.
/// </summary>
public sealed class BoughtTogether
{
    // Key (0, 0) holds the basket count, (a, 0) the invoices with product a, (a, b) with a < b the invoices with both.
    private readonly RangeBlocks<KpiFilter, (int A, int B), long> _counts = new(LoadCountsAsync, (x, y) => x + y);

    /// <summary>Drops the blocks of changed days.</summary>
    public void Invalidate(IReadOnlyList<DateOnly> days) => _counts.Invalidate(days);

    public async Task<BoughtTogetherReport> LoadAsync(
        NpgsqlConnection connection, KpiFilter filter, DateRange range, decimal minimumSupport, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumSupport);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumSupport, 1m);
        var counts = await _counts.SumAsync(connection, filter, range, cancellationToken);
        var baskets = counts.GetValueOrDefault((0, 0));
        var minimum = Affinity.MinimumBaskets(baskets, minimumSupport);
        var pairs = counts.Where(c => c.Key.A > 0 && c.Key.B > 0 && c.Value >= minimum)
            .Select(c => (c.Key.A, c.Key.B, Both: c.Value, WithA: counts[(c.Key.A, 0)], WithB: counts[(c.Key.B, 0)]))
            .OrderByDescending(p => (decimal)p.Both * baskets / (p.WithA * p.WithB)).ThenByDescending(p => p.Both).ThenBy(p => p.A).ThenBy(p => p.B)
            .ToList();
        var shown = pairs.Skip(page.Offset).Take(page.Size).ToList();
        var skus = (await connection.QueryAsync<(int Id, string Sku)>(new CommandDefinition(
            "SELECT id, sku FROM products WHERE id = ANY(@ids)", new { ids = shown.SelectMany(p => new[] { p.A, p.B }).Distinct().ToArray() },
            cancellationToken: cancellationToken))).ToDictionary(p => p.Id, p => p.Sku);
        var items = shown.Select(p => (Pair: p, Measures: Affinity.Measure(new PairCounts(baskets, p.WithA, p.WithB, p.Both))!))
            .Select(p => new ProductPair(p.Pair.A, skus.GetValueOrDefault(p.Pair.A, ""), p.Pair.B, skus.GetValueOrDefault(p.Pair.B, ""), p.Pair.Both,
                p.Measures.Support, p.Measures.ConfidenceAToB, p.Measures.ConfidenceBToA, p.Measures.Lift))
            .ToList();
        return new BoughtTogetherReport(baskets, minimumSupport, minimum, new PagedList<ProductPair>(items, page.Page, page.Size, pairs.Count));
    }

    private static async Task<IEnumerable<BlockRow<(int, int), long>>> LoadCountsAsync(
        NpgsqlConnection connection, KpiFilter filter, DateRange span, bool byDay, CancellationToken cancellationToken)
    {
        var parameters = InsightParameters.For(filter, span);
        parameters.Add("by_day", byDay);
        var rows = await connection.QueryAsync<(DateTime Bucket, int A, int B, long Invoices)>(
            new CommandDefinition(CountsSql, parameters, cancellationToken: cancellationToken, commandTimeout: 0));
        return rows.Select(r => new BlockRow<(int, int), long>(DateOnly.FromDateTime(r.Bucket), (r.A, r.B), r.Invoices));
    }

    private const string CountsSql = $"""
        WITH basket AS MATERIALIZED (
            SELECT DISTINCT CASE WHEN @by_day THEN business_date ELSE date_trunc('month', business_date)::date END AS bucket, invoice_id, product_id
              FROM invoice_lines
             WHERE business_date BETWEEN @from AND @to AND deleted_at IS NULL {KpiParameters.SalesWhere})
        SELECT bucket, 0, 0, count(DISTINCT invoice_id) FROM basket GROUP BY bucket
        UNION ALL
        SELECT bucket, product_id, 0, count(*) FROM basket GROUP BY bucket, product_id
        UNION ALL
        SELECT a.bucket, a.product_id, b.product_id, count(*)
          FROM basket a JOIN basket b ON b.invoice_id = a.invoice_id AND b.product_id > a.product_id
         GROUP BY a.bucket, a.product_id, b.product_id
        """;
}
