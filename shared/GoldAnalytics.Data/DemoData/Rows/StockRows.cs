namespace GoldAnalytics.Data.DemoData.Rows;

/// <summary>A row of <c>purchase_orders</c>, written once with the status it ends the period in.</summary>
public sealed record PurchaseOrderRow(
    long Id,
    string Number,
    int SupplierId,
    int BranchId,
    string Status,
    DateOnly OrderedOn,
    DateOnly ExpectedOn,
    DateOnly? ReceivedOn,
    DateTime CreatedAt) : IDemoRow
{
    /// <summary>The columns <see cref="WriteTo"/> fills, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["id", "number", "supplier_id", "branch_id", "status", "ordered_on", "expected_on", "received_on", "approved_by", "approved_at", "created_at", "updated_at"];

    /// <inheritdoc />
    public void WriteTo(IRowWriter row)
    {
        row.Long(Id);
        row.Text(Number);
        row.Int(SupplierId);
        row.Int(BranchId);
        row.Text(Status);
        row.Date(OrderedOn);
        row.Date(ExpectedOn);
        row.Date(ReceivedOn);
        row.Text("demo");
        row.Timestamp(CreatedAt);
        row.Timestamp(CreatedAt);
        row.Timestamp(CreatedAt);
    }
}

/// <summary>A row of <c>purchase_order_lines</c>.</summary>
public sealed record PurchaseOrderLineRow(long Id, long PurchaseOrderId, short LineNo, int ProductId, int Quantity, decimal UnitCost, int ReceivedQuantity) : IDemoRow
{
    /// <summary>The columns <see cref="WriteTo"/> fills, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["id", "purchase_order_id", "line_no", "product_id", "quantity", "unit_cost", "received_quantity"];

    /// <inheritdoc />
    public void WriteTo(IRowWriter row)
    {
        row.Long(Id);
        row.Long(PurchaseOrderId);
        row.Short(LineNo);
        row.Int(ProductId);
        row.Int(Quantity);
        row.Decimal(UnitCost);
        row.Int(ReceivedQuantity);
    }
}

/// <summary>A row of <c>stock_transfers</c>.</summary>
public sealed record StockTransferRow(long Id, int FromBranchId, int ToBranchId, int ProductId, int Quantity, DateOnly ShippedOn, DateOnly? ReceivedOn, DateTime CreatedAt) : IDemoRow
{
    /// <summary>The columns <see cref="WriteTo"/> fills, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["id", "from_branch_id", "to_branch_id", "product_id", "quantity", "shipped_on", "received_on", "created_at"];

    /// <inheritdoc />
    public void WriteTo(IRowWriter row)
    {
        row.Long(Id);
        row.Int(FromBranchId);
        row.Int(ToBranchId);
        row.Int(ProductId);
        row.Int(Quantity);
        row.Date(ShippedOn);
        row.Date(ReceivedOn);
        row.Timestamp(CreatedAt);
    }
}

/// <summary>A row of <c>stock_movements</c>: signed, positive into the branch.</summary>
public sealed record StockMovementRow(
    long Id,
    int BranchId,
    int ProductId,
    DateOnly BusinessDate,
    DateTime MovedAt,
    string Kind,
    int Quantity,
    decimal WeightGrams,
    long? InvoiceLineId = null,
    long? RefundId = null,
    long? PurchaseOrderId = null,
    long? TransferId = null) : IDemoRow
{
    /// <summary>The columns <see cref="WriteTo"/> fills, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["id", "branch_id", "product_id", "business_date", "moved_at", "kind", "quantity", "weight_g", "invoice_line_id", "refund_id", "purchase_order_id", "transfer_id", "note"];

    /// <summary>Why the stock moved, for adjustments and opening stock.</summary>
    public string? Note { get; init; }

    /// <inheritdoc />
    public void WriteTo(IRowWriter row)
    {
        row.Long(Id);
        row.Int(BranchId);
        row.Int(ProductId);
        row.Date(BusinessDate);
        row.Timestamp(MovedAt);
        row.Text(Kind);
        row.Int(Quantity);
        row.Decimal(WeightGrams);
        row.Long(InvoiceLineId);
        row.Long(RefundId);
        row.Long(PurchaseOrderId);
        row.Long(TransferId);
        row.NullableText(Note);
    }
}

/// <summary>A row of <c>stock_levels</c>: on-hand at the end of the period.</summary>
public sealed record StockLevelRow(int BranchId, int ProductId, int OnHand, DateTime UpdatedAt) : IDemoRow
{
    /// <summary>The columns <see cref="WriteTo"/> fills, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["branch_id", "product_id", "on_hand", "updated_at"];

    /// <inheritdoc />
    public void WriteTo(IRowWriter row)
    {
        row.Int(BranchId);
        row.Int(ProductId);
        row.Int(OnHand);
        row.Timestamp(UpdatedAt);
    }
}

/// <summary>A row of <c>lost_sales</c>: demand a branch turned away because the SKU was out of stock.</summary>
public sealed record LostSaleRow(int BranchId, int ProductId, DateOnly BusinessDate, int Quantity) : IDemoRow
{
    /// <summary>The columns <see cref="WriteTo"/> fills, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["branch_id", "product_id", "business_date", "quantity"];

    /// <inheritdoc />
    public void WriteTo(IRowWriter row)
    {
        row.Int(BranchId);
        row.Int(ProductId);
        row.Date(BusinessDate);
        row.Int(Quantity);
    }
}
