namespace GoldAnalytics.Domain.Kpis.Operational;

/// <summary>Stock figures for a slice and range, the input of the inventory KPIs.</summary>
/// <param name="Days">Days in the range.</param>
/// <param name="CostOfGoodsSold">Cost of the goods sold in the range, net of refunds.</param>
/// <param name="GrossProfit">Gross profit in the range.</param>
/// <param name="AverageInventoryValue">Mean of the daily closing stock valued at cost.</param>
/// <param name="OpeningUnits">Pieces on hand the day before the range.</param>
/// <param name="ReceivedUnits">Pieces received (purchase receipts and transfers in) in the range.</param>
/// <param name="SoldUnits">Pieces sold in the range, net of refunds.</param>
/// <param name="StockoutSkuDays">SKU-days (per branch) ending with nothing on hand.</param>
/// <param name="ActiveSkuDays">SKU-days (per branch) from the SKU's first receipt at the branch on.</param>
public sealed record InventoryTotals(
    int Days,
    decimal CostOfGoodsSold,
    decimal GrossProfit,
    decimal AverageInventoryValue,
    long OpeningUnits,
    long ReceivedUnits,
    long SoldUnits,
    long StockoutSkuDays,
    long ActiveSkuDays);
