namespace GoldAnalytics.Data.Imports;

/// <summary>Every kind of CSV file the shop imports, by the name used in the URL.</summary>
public static class ImportKinds
{
    /// <summary>All kinds: sales, customers, products, expenses, stock-movements, gold-rates.</summary>
    public static IReadOnlyList<ImportKind> All { get; } =
        [SalesImport.Kind, ReferenceImports.Customers, ReferenceImports.Products, JournalImports.Expenses, JournalImports.StockMovements, ReferenceImports.GoldRates];

    /// <summary>The kind with this name, or null.</summary>
    public static ImportKind? Find(string name) => All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));
}
