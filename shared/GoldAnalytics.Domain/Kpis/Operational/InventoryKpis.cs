namespace GoldAnalytics.Domain.Kpis.Operational;

/// <summary>The inventory KPI formulas (docs/kpis.md, "Operational").</summary>
public static class InventoryKpis
{
    private const string NoStock = "no stock held in the range";
    private const string NoCost = "nothing sold in the range";

    /// <summary>Inventory turnover for the range = cost of goods sold / average inventory at cost.</summary>
    public static Measure Turnover(InventoryTotals t) => Measure.Ratio(t.CostOfGoodsSold, t.AverageInventoryValue, NoStock);

    /// <summary>Annualised turnover = turnover × 365 / days.</summary>
    public static Measure AnnualisedTurnover(InventoryTotals t) => Turnover(t).Map(turns => turns * 365m / t.Days);

    /// <summary>Days of inventory = average inventory at cost / cost of goods sold × days.</summary>
    public static Measure DaysOfInventory(InventoryTotals t) =>
        Measure.Ratio(t.AverageInventoryValue * t.Days, t.CostOfGoodsSold, NoCost);

    /// <summary>Sell-through = units sold / (opening units + units received).</summary>
    public static Measure SellThrough(InventoryTotals t) =>
        Measure.Ratio(t.SoldUnits, t.OpeningUnits + t.ReceivedUnits, "no stock available in the range");

    /// <summary>GMROI = gross profit / average inventory at cost (for the range, not annualised).</summary>
    public static Measure Gmroi(InventoryTotals t) => Measure.Ratio(t.GrossProfit, t.AverageInventoryValue, NoStock);

    /// <summary>Stockout frequency = SKU-days out of stock / active SKU-days.</summary>
    public static Measure StockoutFrequency(InventoryTotals t) =>
        Measure.Ratio(t.StockoutSkuDays, t.ActiveSkuDays, "no SKU was stocked in the range");

    /// <summary>Carrying cost = average inventory at cost × annual rate × days / 365.</summary>
    public static decimal CarryingCost(InventoryTotals t, decimal annualRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(annualRate);
        return t.AverageInventoryValue * annualRate * t.Days / 365m;
    }
}
