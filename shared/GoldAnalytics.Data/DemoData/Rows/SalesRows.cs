namespace GoldAnalytics.Data.DemoData.Rows;

/// <summary>A row of <c>invoices</c>; its totals are the sums of its lines.</summary>
public sealed record InvoiceRow(
    long Id,
    string Number,
    int BranchId,
    int SalespersonId,
    long? CustomerId,
    DateTime IssuedAt,
    DateOnly BusinessDate,
    decimal Subtotal,
    decimal Discount,
    decimal Tax,
    decimal Total,
    decimal Cost) : IDemoRow
{
    /// <summary>The columns <see cref="WriteTo"/> fills, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "id", "number", "branch_id", "salesperson_id", "customer_id", "issued_at", "business_date",
        "subtotal", "discount", "tax", "total", "cost", "created_at", "updated_at",
    ];

    /// <inheritdoc />
    public void WriteTo(IRowWriter row)
    {
        row.Long(Id);
        row.Text(Number);
        row.Int(BranchId);
        row.Int(SalespersonId);
        row.Long(CustomerId);
        row.Timestamp(IssuedAt);
        row.Date(BusinessDate);
        row.Decimal(Subtotal);
        row.Decimal(Discount);
        row.Decimal(Tax);
        row.Decimal(Total);
        row.Decimal(Cost);
        row.Timestamp(IssuedAt);
        row.Timestamp(IssuedAt);
    }
}

/// <summary>A row of <c>invoice_lines</c>, carrying its invoice's and product's analytics columns.</summary>
public sealed record InvoiceLineRow(
    long Id,
    long InvoiceId,
    short LineNo,
    int ProductId,
    int Quantity,
    decimal WeightGrams,
    decimal GoldRate,
    decimal GoldValue,
    string MakingChargeType,
    decimal MakingChargeValue,
    decimal MakingCharge,
    decimal StoneValue,
    decimal Discount,
    decimal TaxRate,
    decimal Tax,
    decimal LineTotal,
    decimal LineCost,
    DateOnly BusinessDate,
    int BranchId,
    int SalespersonId,
    long? CustomerId,
    string Category,
    int ProductLineId,
    short Karat) : IDemoRow
{
    /// <summary>The columns <see cref="WriteTo"/> fills, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "id", "invoice_id", "line_no", "product_id", "quantity", "weight_g", "gold_rate", "gold_value",
        "making_charge_type", "making_charge_value", "making_charge", "stone_value", "discount", "tax_rate", "tax",
        "line_total", "line_cost", "business_date", "branch_id", "salesperson_id", "customer_id", "category",
        "product_line_id", "karat",
    ];

    /// <inheritdoc />
    public void WriteTo(IRowWriter row)
    {
        row.Long(Id);
        row.Long(InvoiceId);
        row.Short(LineNo);
        row.Int(ProductId);
        row.Int(Quantity);
        row.Decimal(WeightGrams);
        row.Decimal(GoldRate);
        row.Decimal(GoldValue);
        row.Text(MakingChargeType);
        row.Decimal(MakingChargeValue);
        row.Decimal(MakingCharge);
        row.Decimal(StoneValue);
        row.Decimal(Discount);
        row.Decimal(TaxRate);
        row.Decimal(Tax);
        row.Decimal(LineTotal);
        row.Decimal(LineCost);
        row.Date(BusinessDate);
        row.Int(BranchId);
        row.Int(SalespersonId);
        row.Long(CustomerId);
        row.Text(Category);
        row.Int(ProductLineId);
        row.Short(Karat);
    }
}

/// <summary>A row of <c>refunds</c>.</summary>
public sealed record RefundRow(
    long Id,
    long InvoiceLineId,
    long InvoiceId,
    int BranchId,
    int ProductId,
    DateOnly BusinessDate,
    DateTime RefundedAt,
    int Quantity,
    decimal Amount,
    decimal CostReversed,
    string Reason) : IDemoRow
{
    /// <summary>The columns <see cref="WriteTo"/> fills, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["id", "invoice_line_id", "invoice_id", "branch_id", "product_id", "business_date", "refunded_at", "quantity", "amount", "cost_reversed", "reason", "created_at"];

    /// <inheritdoc />
    public void WriteTo(IRowWriter row)
    {
        row.Long(Id);
        row.Long(InvoiceLineId);
        row.Long(InvoiceId);
        row.Int(BranchId);
        row.Int(ProductId);
        row.Date(BusinessDate);
        row.Timestamp(RefundedAt);
        row.Int(Quantity);
        row.Decimal(Amount);
        row.Decimal(CostReversed);
        row.Text(Reason);
        row.Timestamp(RefundedAt);
    }
}

/// <summary>A row of <c>trade_ins</c>.</summary>
public sealed record TradeInRow(
    long Id,
    int BranchId,
    int StaffId,
    long? CustomerId,
    long? InvoiceId,
    DateOnly BusinessDate,
    DateTime ReceivedAt,
    short Karat,
    decimal WeightGrams,
    decimal BuyRate,
    decimal DeductionPercent,
    decimal Value) : IDemoRow
{
    /// <summary>The columns <see cref="WriteTo"/> fills, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["id", "branch_id", "staff_id", "customer_id", "invoice_id", "business_date", "received_at", "karat", "weight_g", "buy_rate", "deduction_percent", "value", "created_at"];

    /// <inheritdoc />
    public void WriteTo(IRowWriter row)
    {
        row.Long(Id);
        row.Int(BranchId);
        row.Int(StaffId);
        row.Long(CustomerId);
        row.Long(InvoiceId);
        row.Date(BusinessDate);
        row.Timestamp(ReceivedAt);
        row.Short(Karat);
        row.Decimal(WeightGrams);
        row.Decimal(BuyRate);
        row.Decimal(DeductionPercent);
        row.Decimal(Value);
        row.Timestamp(ReceivedAt);
    }
}
