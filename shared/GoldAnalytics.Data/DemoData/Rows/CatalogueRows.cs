namespace GoldAnalytics.Data.DemoData.Rows;

/// <summary>A row of <c>product_lines</c>.</summary>
public sealed record ProductLineRow(int Id, string Code, string Name) : IDemoRow
{
    /// <summary>The columns <see cref="WriteTo"/> fills, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["id", "code", "name"];

    /// <inheritdoc />
    public void WriteTo(IRowWriter row)
    {
        row.Int(Id);
        row.Text(Code);
        row.Text(Name);
    }
}

/// <summary>A row of <c>products</c>.</summary>
public sealed record ProductRow(
    int Id,
    string Sku,
    string Name,
    string Category,
    int ProductLineId,
    string Metal,
    short Karat,
    decimal NetWeightGrams,
    decimal StoneValue,
    string MakingChargeType,
    decimal MakingChargeValue,
    decimal UnitCost,
    int SupplierId,
    int LeadTimeDays,
    decimal LeadTimeStddevDays,
    decimal ServiceLevel,
    int MinStock,
    decimal OrderCost,
    DateTime CreatedAt,
    DateOnly? DiscontinuedOn) : IDemoRow
{
    /// <summary>The columns <see cref="WriteTo"/> fills, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "id", "sku", "name", "category", "product_line_id", "metal", "karat", "net_weight_g", "stone_value",
        "making_charge_type", "making_charge_value", "unit_cost", "supplier_id", "lead_time_days", "lead_time_stddev_days",
        "service_level", "min_stock", "order_cost", "created_at", "updated_at", "discontinued_on",
    ];

    /// <inheritdoc />
    public void WriteTo(IRowWriter row)
    {
        row.Int(Id);
        row.Text(Sku);
        row.Text(Name);
        row.Text(Category);
        row.Int(ProductLineId);
        row.Text(Metal);
        row.Short(Karat);
        row.Decimal(NetWeightGrams);
        row.Decimal(StoneValue);
        row.Text(MakingChargeType);
        row.Decimal(MakingChargeValue);
        row.Decimal(UnitCost);
        row.Int(SupplierId);
        row.Int(LeadTimeDays);
        row.Decimal(LeadTimeStddevDays);
        row.Decimal(ServiceLevel);
        row.Int(MinStock);
        row.Decimal(OrderCost);
        row.Timestamp(CreatedAt);
        row.Timestamp(CreatedAt);
        row.Date(DiscontinuedOn);
    }
}

/// <summary>A row of <c>gold_rates</c>.</summary>
public sealed record GoldRateRow(DateOnly BusinessDate, short Karat, decimal BuyPerGram, decimal SellPerGram, DateTime RecordedAt) : IDemoRow
{
    /// <summary>The columns <see cref="WriteTo"/> fills, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["business_date", "karat", "buy_per_gram", "sell_per_gram", "source", "recorded_at"];

    /// <inheritdoc />
    public void WriteTo(IRowWriter row)
    {
        row.Date(BusinessDate);
        row.Short(Karat);
        row.Decimal(BuyPerGram);
        row.Decimal(SellPerGram);
        row.Text("demo");
        row.Timestamp(RecordedAt);
    }
}
