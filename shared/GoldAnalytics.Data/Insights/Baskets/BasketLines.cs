using System.Runtime.InteropServices;

namespace GoldAnalytics.Data.Insights.Baskets;

/// <summary>Invoice lines as far as baskets care: the block each counts in, its invoice and its product.</summary>
internal sealed class BasketLines
{
    private readonly List<long> _invoices = [];
    private readonly List<(DateOnly Bucket, int Product)> _items = [];

    public int Lines => _invoices.Count;

    public void Add(DateOnly bucket, long invoice, int product)
    {
        _invoices.Add(invoice);
        _items.Add((bucket, product));
    }

    /// <summary>
    /// The counts per bucket. A basket is the distinct products of one invoice in one bucket, so a
    /// product on two lines of an invoice counts once. The lines may come in any order.
    /// </summary>
    public Dictionary<DateOnly, Dictionary<long, long>> CountBaskets()
    {
        var invoices = CollectionsMarshal.AsSpan(_invoices);
        var items = CollectionsMarshal.AsSpan(_items);

        // A scan returns an invoice's lines next to each other and invoices mostly in order: sorting on
        // the invoice alone (a primitive key) is cheap then, and only an invoice's few lines need more.
        if (!IsAscending(invoices))
        {
            invoices.Sort(items);
        }

        var blocks = new Dictionary<DateOnly, Dictionary<long, long>>();
        var basket = new List<(DateOnly Bucket, int Product)>();
        var products = new List<int>();
        for (var start = 0; start < invoices.Length;)
        {
            var end = start + 1;
            while (end < invoices.Length && invoices[end] == invoices[start])
            {
                end++;
            }

            if (end == start + 1)
            {
                // An invoice of one line is one basket of one product: nothing to sort.
                products.Clear();
                products.Add(items[start].Product);
                AddBasket(BlockOf(blocks, items[start].Bucket), products);
                start = end;
                continue;
            }

            basket.Clear();
            basket.AddRange(items[start..end]);
            basket.Sort();
            AddInvoice(blocks, basket, products);
            start = end;
        }

        return blocks;
    }

    // One invoice's lines sorted by bucket and product: a basket per bucket, of its distinct products.
    private static void AddInvoice(Dictionary<DateOnly, Dictionary<long, long>> blocks, List<(DateOnly Bucket, int Product)> lines, List<int> products)
    {
        for (var start = 0; start < lines.Count;)
        {
            products.Clear();
            var end = start;
            for (; end < lines.Count && lines[end].Bucket == lines[start].Bucket; end++)
            {
                if (products.Count == 0 || products[^1] != lines[end].Product)
                {
                    products.Add(lines[end].Product);
                }
            }

            AddBasket(BlockOf(blocks, lines[start].Bucket), products);
            start = end;
        }
    }

    private static bool IsAscending(ReadOnlySpan<long> invoices)
    {
        for (var i = 1; i < invoices.Length; i++)
        {
            if (invoices[i] < invoices[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    private static Dictionary<long, long> BlockOf(Dictionary<DateOnly, Dictionary<long, long>> blocks, DateOnly bucket)
    {
        ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(blocks, bucket, out _);
        return counts ??= new Dictionary<long, long>(BasketKeyComparer.Instance);
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
