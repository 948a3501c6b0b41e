using Dapper;
using GoldAnalytics.Data.Insights.Baskets;
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
/// under the filters. An invoice lies in one day, so basket, product and pair counts add up over days:
/// they are kept per filter in month and day blocks, counted from the invoice lines, and pruned to the
/// minimum support only after the blocks are summed.
/// </summary>
public sealed class BoughtTogether(NpgsqlDataSource dataSource)
{
    private readonly BasketBlocks _baskets = new(dataSource);

    /// <summary>Drops the blocks of changed days.</summary>
    public void Invalidate(IReadOnlyList<DateOnly> days) => _baskets.Invalidate(days);

    /// <summary>The pairs at or above the minimum support, strongest lift first, one page of them.</summary>
    public async Task<BoughtTogetherReport> LoadAsync(
        NpgsqlConnection connection, KpiFilter filter, DateRange range, decimal minimumSupport, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumSupport);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumSupport, 1m);
        var sums = await _baskets.SumAsync(filter, range, cancellationToken);
        var baskets = sums.Baskets;
        var minimum = Affinity.MinimumBaskets(baskets, minimumSupport);
        var withProduct = sums.ByProduct();
        var pairs = sums.PairsAtLeast(minimum)
            .Select(p => (p.A, p.B, p.Both, WithA: withProduct[p.A], WithB: withProduct[p.B]))
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
}
