namespace GoldAnalytics.Domain.Kpis.Insights;

/// <summary>How often two products are bought on the same invoice, against how often each is bought.</summary>
/// <param name="Baskets">Invoices in the range.</param>
/// <param name="WithA">Invoices with product A.</param>
/// <param name="WithB">Invoices with product B.</param>
/// <param name="WithBoth">Invoices with both.</param>
public sealed record PairCounts(long Baskets, long WithA, long WithB, long WithBoth);

/// <summary>Association rule measures of a product pair (docs/kpis.md, "Products bought together").</summary>
public sealed record PairMeasures(decimal Support, decimal ConfidenceAToB, decimal ConfidenceBToA, decimal Lift);

/// <summary>Support, confidence and lift (Agrawal, Imieliński and Swami 1993; Brin et al. 1997).</summary>
public static class Affinity
{
    /// <summary>
    /// support = both / baskets; confidence(A→B) = both / with A; lift = support(AB) / (support(A) × support(B)).
    /// Null when there are no baskets or a product never sold.
    /// </summary>
    public static PairMeasures? Measure(PairCounts counts)
    {
        if (counts.Baskets == 0 || counts.WithA == 0 || counts.WithB == 0)
        {
            return null;
        }

        decimal n = counts.Baskets;
        var support = counts.WithBoth / n;
        var lift = support / ((counts.WithA / n) * (counts.WithB / n));
        return new PairMeasures(support, (decimal)counts.WithBoth / counts.WithA, (decimal)counts.WithBoth / counts.WithB, lift);
    }

    /// <summary>The fewest invoices a pair needs to reach the minimum support.</summary>
    public static long MinimumBaskets(long baskets, decimal minimumSupport) =>
        Math.Max(1, (long)Math.Ceiling(baskets * minimumSupport));
}
