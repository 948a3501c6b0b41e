namespace GoldAnalytics.Data.Reports;

/// <summary>What a report row is about: the whole shop, a branch, a product line or a SKU.</summary>
public static class ReportScope
{
    public const string Shop = "shop";
    public const string Branch = "branch";
    public const string ProductLine = "product_line";
    public const string Sku = "sku";

    /// <summary>Every scope, broadest first.</summary>
    public static IReadOnlyList<string> All { get; } = [Shop, Branch, ProductLine, Sku];

    /// <summary>True for a scope the reports keep.</summary>
    public static bool IsKnown(string scope) => All.Contains(scope);
}
