namespace GoldAnalytics.Domain.Stock.Policy;

/// <summary>How a target service level is expressed.</summary>
public enum ServiceLevelKind
{
    /// <summary>Probability of no stockout during a replenishment cycle.</summary>
    CycleServiceLevel,

    /// <summary>Share of demand served from stock.</summary>
    FillRate,
}

/// <summary>
/// A SKU's reorder settings at a branch: service target, order cost, holding rate, unit cost, how many periods make a
/// year (365 daily, 52 weekly), minimum stock, and after how many periods without demand stock counts as dead.
/// </summary>
public sealed record ReorderSettings(
    double ServiceLevel,
    ServiceLevelKind Kind,
    decimal OrderCost,
    decimal UnitCost,
    double AnnualHoldingRate,
    int PeriodsPerYear,
    double MinimumStock = 0,
    int DeadStockPeriods = 180,
    double OverstockCover = 2.0);
