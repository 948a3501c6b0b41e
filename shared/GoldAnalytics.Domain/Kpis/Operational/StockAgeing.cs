namespace GoldAnalytics.Domain.Kpis.Operational;

/// <summary>Stock of one SKU at one branch on the as-of day, with when it last sold and was last received.</summary>
public sealed record StockItem(int BranchId, int ProductId, long Units, decimal Value, DateOnly? LastSale, DateOnly? LastReceipt);

/// <summary>Stock value whose age (days since the last receipt) falls in [MinDays, MaxDays]; MaxDays null is open-ended.</summary>
public sealed record AgeingBucket(int MinDays, int? MaxDays, long Units, decimal Value, Measure Share);

/// <summary>Dead stock and ageing of the stock on hand (docs/kpis.md, "Dead stock and ageing").</summary>
public static class StockAgeing
{
    /// <summary>The bucket boundaries the shop uses by default: 0–90, 91–180, 181–365, over 365 days.</summary>
    public static IReadOnlyList<int> DefaultBounds { get; } = [90, 180, 365];

    /// <summary>Dead-stock share = value of stock with no sale in the last <paramref name="days"/> days / value of all stock.</summary>
    public static Measure DeadStockShare(IEnumerable<StockItem> stock, DateOnly asOf, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        var items = stock.Where(i => i.Units > 0).ToList();
        var cutoff = asOf.AddDays(-days);
        var dead = items.Where(i => i.LastSale is null || i.LastSale <= cutoff).Sum(i => i.Value);
        return Measure.Ratio(dead, items.Sum(i => i.Value), "no stock on hand");
    }

    /// <summary>Stock split by days since its last receipt; stock never received (opening balances) is the oldest bucket.</summary>
    public static IReadOnlyList<AgeingBucket> Buckets(IEnumerable<StockItem> stock, DateOnly asOf, IReadOnlyList<int>? bounds = null)
    {
        var limits = bounds ?? DefaultBounds;
        var items = stock.Where(i => i.Units > 0).ToList();
        var total = items.Sum(i => i.Value);
        var buckets = new List<AgeingBucket>();
        for (var b = 0; b <= limits.Count; b++)
        {
            var min = b == 0 ? 0 : limits[b - 1] + 1;
            int? max = b < limits.Count ? limits[b] : null;
            var inBucket = items.Where(i => Age(i, asOf) is var age && age >= min && (max is null || age <= max)).ToList();
            var value = inBucket.Sum(i => i.Value);
            buckets.Add(new AgeingBucket(min, max, inBucket.Sum(i => i.Units), value, Measure.Ratio(value, total, "no stock on hand")));
        }

        return buckets;
    }

    private static int Age(StockItem item, DateOnly asOf) =>
        item.LastReceipt is { } received ? asOf.DayNumber - received.DayNumber : int.MaxValue;
}
