namespace GoldAnalytics.Data.Insights.Baskets;

/// <summary>Basket, product and pair counts summed over a range under one filter.</summary>
internal sealed class BasketSums(long[] keys, long[] counts)
{
    public long Baskets => counts[0];

    /// <summary>The baskets holding each product.</summary>
    public Dictionary<int, long> ByProduct()
    {
        var products = new Dictionary<int, long>();
        for (var slot = 1; slot < counts.Length; slot++)
        {
            if (!BasketKey.IsPair(keys[slot]) && counts[slot] > 0)
            {
                products[BasketKey.First(keys[slot])] = counts[slot];
            }
        }

        return products;
    }

    /// <summary>The pairs found together in at least <paramref name="minimum"/> baskets (at least one).</summary>
    public List<(int A, int B, long Both)> PairsAtLeast(long minimum)
    {
        minimum = Math.Max(minimum, 1);
        var pairs = new List<(int, int, long)>();
        for (var slot = 1; slot < counts.Length; slot++)
        {
            if (counts[slot] >= minimum && BasketKey.IsPair(keys[slot]))
            {
                pairs.Add((BasketKey.First(keys[slot]), BasketKey.Second(keys[slot]), counts[slot]));
            }
        }

        return pairs;
    }
}
