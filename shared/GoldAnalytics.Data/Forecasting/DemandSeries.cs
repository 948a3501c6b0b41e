using GoldAnalytics.Domain.Forecasting.Reconciliation;

namespace GoldAnalytics.Data.Forecasting;

/// <summary>The forecasting levels as stored: shop, category, sku, sku_branch.</summary>
public static class SeriesLevels
{
    public const string Shop = "shop";
    public const string Category = "category";
    public const string Sku = "sku";
    public const string SkuBranch = "sku_branch";

    public static IReadOnlyList<string> All { get; } = [Shop, Category, Sku, SkuBranch];

    public static string Of(HierarchyLevel level) => level switch
    {
        HierarchyLevel.Shop => Shop,
        HierarchyLevel.Category => Category,
        HierarchyLevel.Sku => Sku,
        _ => SkuBranch,
    };

    /// <summary>The key of a SKU at a branch: "SKU@BRANCH-CODE".</summary>
    public static string SkuBranchKey(string sku, string branchCode) => $"{sku}@{branchCode}";
}

/// <summary>
/// One weekly demand series of the hierarchy: its level and key, what it describes (category, product, branch,
/// karat where they apply), the Monday of its first week and the units sold per week (refunds netted).
/// </summary>
public sealed record DemandSeries(string Level, string Key, string? Category, int? ProductId, int? BranchId, short? Karat, DateOnly Start, double[] Units);

/// <summary>A product on sale at the run's date, as the hierarchy needs it.</summary>
public sealed record ForecastProduct(int Id, string Sku, string Category, short Karat);

/// <summary>A branch and its code (the code names SKU × branch series).</summary>
public sealed record ForecastBranch(int Id, string Code);

/// <summary>Net units of one product at one branch in one week (Monday).</summary>
public sealed record WeeklyUnits(int ProductId, int BranchId, DateOnly Week, double Units);

/// <summary>Builds every level's weekly series from SKU × branch units: aggregates are sums of the bottom series, so the history adds up.</summary>
public static class DemandHierarchy
{
    /// <summary>
    /// Series for weeks <paramref name="firstWeek"/> to <paramref name="lastWeek"/> (Mondays): one per product × branch,
    /// product, category and the shop. A week with more refunds than sales counts as zero demand at the bottom.
    /// Weeks before a series' first sale are left out (a product not yet launched has no demand to learn from);
    /// a series that never sold keeps every week.
    /// </summary>
    public static IReadOnlyList<DemandSeries> Build(IReadOnlyList<ForecastProduct> products, IReadOnlyList<ForecastBranch> branches, IEnumerable<WeeklyUnits> units, DateOnly firstWeek, DateOnly lastWeek)
    {
        var weeks = (lastWeek.DayNumber - firstWeek.DayNumber) / 7 + 1;
        var productIndex = products.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var branchIndex = branches.Select((b, i) => (b.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var bottom = new double[products.Count * branches.Count][];
        for (var i = 0; i < bottom.Length; i++)
        {
            bottom[i] = new double[weeks];
        }

        foreach (var row in units)
        {
            var week = (row.Week.DayNumber - firstWeek.DayNumber) / 7;
            if (week < 0 || week >= weeks || !productIndex.TryGetValue(row.ProductId, out var p) || !branchIndex.TryGetValue(row.BranchId, out var b))
            {
                continue;
            }

            bottom[p * branches.Count + b][week] += row.Units;
        }

        foreach (var values in bottom)
        {
            for (var w = 0; w < weeks; w++)
            {
                values[w] = Math.Max(0, values[w]);
            }
        }

        var series = new List<DemandSeries>();
        var shop = new double[weeks];
        var categories = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        for (var p = 0; p < products.Count; p++)
        {
            var product = products[p];
            var sku = new double[weeks];
            for (var b = 0; b < branches.Count; b++)
            {
                var values = bottom[p * branches.Count + b];
                Add(sku, values);
                series.Add(Trimmed(SeriesLevels.SkuBranch, SeriesLevels.SkuBranchKey(product.Sku, branches[b].Code), product.Category, product.Id, branches[b].Id, product.Karat, firstWeek, values));
            }

            series.Add(Trimmed(SeriesLevels.Sku, product.Sku, product.Category, product.Id, null, product.Karat, firstWeek, sku));
            if (!categories.TryGetValue(product.Category, out var category))
            {
                categories[product.Category] = category = new double[weeks];
            }

            Add(category, sku);
            Add(shop, sku);
        }

        series.AddRange(categories.Select(c => Trimmed(SeriesLevels.Category, c.Key, c.Key, null, null, null, firstWeek, c.Value)));
        series.Add(Trimmed(SeriesLevels.Shop, "", null, null, null, null, firstWeek, shop));
        return series;
    }

    /// <summary>The Monday of the ISO week of a day.</summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static void Add(double[] total, double[] values)
    {
        for (var w = 0; w < total.Length; w++)
        {
            total[w] += values[w];
        }
    }

    private static DemandSeries Trimmed(string level, string key, string? category, int? productId, int? branchId, short? karat, DateOnly firstWeek, double[] values)
    {
        var first = Array.FindIndex(values, v => v > 0);
        first = first < 0 ? 0 : first;
        return new DemandSeries(level, key, category, productId, branchId, karat, firstWeek.AddDays(7 * first), values[first..]);
    }
}
