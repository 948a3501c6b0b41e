using MathNet.Numerics.LinearAlgebra;

namespace GoldAnalytics.Domain.Forecasting.Reconciliation;

/// <summary>A bottom-level series of the shop's hierarchy: one SKU at one branch, with the SKU's category.</summary>
public sealed record BottomSeries(string Sku, string Category, string Branch);

/// <summary>Levels of the hierarchy, top first.</summary>
public enum HierarchyLevel
{
    Shop,
    Category,
    Sku,
    SkuBranch,
}

/// <summary>A node of the hierarchy: its level and key ("" for the shop, the category, the SKU, or "SKU@branch").</summary>
public sealed record HierarchyNode(HierarchyLevel Level, string Key);

/// <summary>
/// The shop's forecasting hierarchy SKU × branch → SKU → category → shop as a summing matrix S (nodes × bottom series):
/// every node's series is S times the bottom series.
/// </summary>
public sealed class Hierarchy
{
    private Hierarchy(IReadOnlyList<HierarchyNode> nodes, Matrix<double> summing)
    {
        Nodes = nodes;
        Summing = summing;
    }

    /// <summary>Nodes in row order: shop, categories, SKUs, then the bottom series in the order given.</summary>
    public IReadOnlyList<HierarchyNode> Nodes { get; }

    public Matrix<double> Summing { get; }

    public int BottomCount => Summing.ColumnCount;

    public static Hierarchy Of(IReadOnlyList<BottomSeries> bottom)
    {
        var categories = bottom.Select(b => b.Category).Distinct().Order(StringComparer.Ordinal).ToList();
        var skus = bottom.Select(b => b.Sku).Distinct().Order(StringComparer.Ordinal).ToList();
        var nodes = new List<HierarchyNode> { new(HierarchyLevel.Shop, "") };
        nodes.AddRange(categories.Select(c => new HierarchyNode(HierarchyLevel.Category, c)));
        nodes.AddRange(skus.Select(s => new HierarchyNode(HierarchyLevel.Sku, s)));
        nodes.AddRange(bottom.Select(b => new HierarchyNode(HierarchyLevel.SkuBranch, $"{b.Sku}@{b.Branch}")));
        var summing = Matrix<double>.Build.Dense(nodes.Count, bottom.Count, (row, column) =>
        {
            var node = nodes[row];
            var series = bottom[column];
            return node.Level switch
            {
                HierarchyLevel.Shop => 1,
                HierarchyLevel.Category => node.Key == series.Category ? 1 : 0,
                HierarchyLevel.Sku => node.Key == series.Sku ? 1 : 0,
                _ => row - (1 + categories.Count + skus.Count) == column ? 1 : 0,
            };
        });
        return new Hierarchy(nodes, summing);
    }

    /// <summary>Every node's values from the bottom series' values (bottom × periods).</summary>
    public Matrix<double> Aggregate(Matrix<double> bottom) => Summing * bottom;
}
