namespace GoldAnalytics.Domain.Stock.Policy;

/// <summary>An (s, Q) policy: order Q (or a multiple) when the inventory position falls to the reorder point s.</summary>
public sealed record ReorderPolicy(double ReorderPoint, double OrderQuantity, double SafetyStock, double DemandDuringLeadTime, double DeviationDuringLeadTime)
{
    /// <summary>The policy for a demand profile, lead time and settings: EOQ for Q, safety stock for the service target.</summary>
    public static ReorderPolicy For(DemandProfile demand, LeadTime leadTime, ReorderSettings settings)
    {
        var annualDemand = demand.MeanPerPeriod * settings.PeriodsPerYear;
        var quantity = Math.Max(1, Math.Ceiling(EconomicOrderQuantity.Of(annualDemand, settings.OrderCost, settings.UnitCost, settings.AnnualHoldingRate)));
        var deviation = SafetyStockFormulas.DemandDuringLeadTimeDeviation(demand, leadTime);
        var safety = settings.Kind == ServiceLevelKind.CycleServiceLevel
            ? SafetyStockFormulas.ForCycleServiceLevel(settings.ServiceLevel, deviation)
            : SafetyStockFormulas.ForFillRate(settings.ServiceLevel, quantity, deviation);
        var leadTimeDemand = demand.MeanPerPeriod * leadTime.MeanPeriods;
        var reorderPoint = Math.Max(leadTimeDemand + safety, settings.MinimumStock);
        return new ReorderPolicy(reorderPoint, quantity, safety, leadTimeDemand, deviation);
    }
}
