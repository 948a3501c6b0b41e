using GoldAnalytics.Data.DemoData.Rows;

namespace GoldAnalytics.Data.DemoData;

/// <summary>
/// The rows generated for a run of days. Rows only reference rows of the same or an earlier chunk,
/// and <see cref="DemoTables.InLoadOrder"/> lists parents before children, so chunks load in order
/// with every foreign key in place.
/// </summary>
public sealed class DemoChunk
{
    /// <summary>Business days generated so far, this chunk included.</summary>
    public int DaysDone { get; set; }

    /// <summary>Business days the whole run generates.</summary>
    public int DaysTotal { get; init; }

    /// <summary>Rows for <c>branches</c>.</summary>
    public List<BranchRow> Branches { get; } = [];

    /// <summary>Rows for <c>staff</c>.</summary>
    public List<StaffRow> Staff { get; } = [];

    /// <summary>Rows for <c>suppliers</c>.</summary>
    public List<SupplierRow> Suppliers { get; } = [];

    /// <summary>Rows for <c>product_lines</c>.</summary>
    public List<ProductLineRow> ProductLines { get; } = [];

    /// <summary>Rows for <c>products</c>.</summary>
    public List<ProductRow> Products { get; } = [];

    /// <summary>Rows for <c>customers</c>.</summary>
    public List<CustomerRow> Customers { get; } = [];

    /// <summary>Rows for <c>gold_rates</c>.</summary>
    public List<GoldRateRow> GoldRates { get; } = [];

    /// <summary>Rows for <c>purchase_orders</c>.</summary>
    public List<PurchaseOrderRow> PurchaseOrders { get; } = [];

    /// <summary>Rows for <c>purchase_order_lines</c>.</summary>
    public List<PurchaseOrderLineRow> PurchaseOrderLines { get; } = [];

    /// <summary>Rows for <c>stock_transfers</c>.</summary>
    public List<StockTransferRow> StockTransfers { get; } = [];

    /// <summary>Rows for <c>invoices</c>.</summary>
    public List<InvoiceRow> Invoices { get; } = [];

    /// <summary>Rows for <c>invoice_lines</c>.</summary>
    public List<InvoiceLineRow> InvoiceLines { get; } = [];

    /// <summary>Rows for <c>refunds</c>.</summary>
    public List<RefundRow> Refunds { get; } = [];

    /// <summary>Rows for <c>trade_ins</c>.</summary>
    public List<TradeInRow> TradeIns { get; } = [];

    /// <summary>Rows for <c>loyalty_ledger</c>.</summary>
    public List<LoyaltyEntryRow> LoyaltyLedger { get; } = [];

    /// <summary>Rows for <c>stock_movements</c>.</summary>
    public List<StockMovementRow> StockMovements { get; } = [];

    /// <summary>Rows for <c>lost_sales</c>.</summary>
    public List<LostSaleRow> LostSales { get; } = [];

    /// <summary>Rows for <c>expenses</c>.</summary>
    public List<ExpenseRow> Expenses { get; } = [];

    /// <summary>Rows for <c>targets</c>.</summary>
    public List<TargetRow> Targets { get; } = [];

    /// <summary>Rows for <c>stock_levels</c>.</summary>
    public List<StockLevelRow> StockLevels { get; } = [];
}

/// <summary>A table the demo data fills: its columns and where a chunk keeps its rows.</summary>
public sealed record DemoTable(string Name, IReadOnlyList<string> Columns, Func<DemoChunk, IReadOnlyList<IDemoRow>> Rows);

/// <summary>The tables the demo data fills.</summary>
public static class DemoTables
{
    /// <summary>Every demo table, parents before children.</summary>
    public static IReadOnlyList<DemoTable> InLoadOrder { get; } =
    [
        new("branches", BranchRow.Columns, c => c.Branches),
        new("staff", StaffRow.Columns, c => c.Staff),
        new("suppliers", SupplierRow.Columns, c => c.Suppliers),
        new("product_lines", ProductLineRow.Columns, c => c.ProductLines),
        new("products", ProductRow.Columns, c => c.Products),
        new("customers", CustomerRow.Columns, c => c.Customers),
        new("gold_rates", GoldRateRow.Columns, c => c.GoldRates),
        new("purchase_orders", PurchaseOrderRow.Columns, c => c.PurchaseOrders),
        new("purchase_order_lines", PurchaseOrderLineRow.Columns, c => c.PurchaseOrderLines),
        new("stock_transfers", StockTransferRow.Columns, c => c.StockTransfers),
        new("invoices", InvoiceRow.Columns, c => c.Invoices),
        new("invoice_lines", InvoiceLineRow.Columns, c => c.InvoiceLines),
        new("refunds", RefundRow.Columns, c => c.Refunds),
        new("trade_ins", TradeInRow.Columns, c => c.TradeIns),
        new("loyalty_ledger", LoyaltyEntryRow.Columns, c => c.LoyaltyLedger),
        new("stock_movements", StockMovementRow.Columns, c => c.StockMovements),
        new("lost_sales", LostSaleRow.Columns, c => c.LostSales),
        new("expenses", ExpenseRow.Columns, c => c.Expenses),
        new("targets", TargetRow.Columns, c => c.Targets),
        new("stock_levels", StockLevelRow.Columns, c => c.StockLevels),
    ];
}
