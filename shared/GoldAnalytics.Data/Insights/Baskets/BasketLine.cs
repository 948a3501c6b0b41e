using System.Runtime.InteropServices;

namespace GoldAnalytics.Data.Insights.Baskets;

/// <summary>One invoice line as far as baskets care: the block it counts in, its invoice and its product.</summary>
internal readonly record struct BasketLine(DateOnly Bucket, long Invoice, int Product);

/// <summary>Counts baskets, products and product pairs per block from invoice lines.</summary>
internal static class BasketCounting
{
    /// <summary>
    /// The counts per bucket. A basket is the distinct products of one invoice in one bucket, so a
    /// product on two lines of an invoice counts once. The lines may come in any order.
    /// </summary>
    public static Dictionary<DateOnly, Dictionary<long, long>> Count(List<BasketLine> lines)
    {
        var span = CollectionsMarshal.AsSpan(lines);
        span.Sort(static (x, y) => x.Invoice != y.Invoice ? x.Invoice.CompareTo(y.Invoice)
            : x.Bucket != y.Bucket ? x.Bucket.CompareTo(y.Bucket)
            : x.Product.CompareTo(y.Product));
        var blocks = new Dictionary<DateOnly, Dictionary<long, long>>();
        var products = new List<int>();
        var start = 0;
        while (start < span.Length)
        {
            var end = start;
            products.Clear();
            while (end < span.Length && span[end].Invoice == span[start].Invoice && span[end].Bucket == span[start].Bucket)
            {
                if (products.Count == 0 || products[^1] != span[end].Product)
                {
                    products.Add(span[end].Product);
                }

                end++;
            }

            if (!blocks.TryGetValue(span[start].Bucket, out var counts))
            {
                blocks[span[start].Bucket] = counts = [];
            }

            AddBasket(counts, products);
            start = end;
        }

        return blocks;
    }

    // The products are distinct and ascending, so every pair is counted once as (smaller, larger).
    private static void AddBasket(Dictionary<long, long> counts, List<int> products)
    {
        CollectionsMarshal.GetValueRefOrAddDefault(counts, BasketKey.Baskets, out _)++;
        for (var i = 0; i < products.Count; i++)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(counts, BasketKey.Product(products[i]), out _)++;
            for (var j = i + 1; j < products.Count; j++)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, BasketKey.Pair(products[i], products[j]), out _)++;
            }
        }
    }
}
