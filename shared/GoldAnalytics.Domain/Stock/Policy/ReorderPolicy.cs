namespace GoldAnalytics.Domain.Stock.Policy;

/// <summary>An (s, Q) policy: order Q (or a multiple) when the inventory position falls to the reorder point s.</summary>
public sealed record ReorderPolicy(double ReorderPoint, double OrderQuantity, double SafetyStock, double DemandDuringLeadTime, double DeviationDuringLeadTime)
{
    /// <summary>
    /// The policy for a demand profile, lead time and settings: EOQ for Q, safety stock for the service target, from
    /// the discrete lead-time demand of a <paramref name="slowMover"/> when given, else from the normal approximation.
    /// </summary>
    public static ReorderPolicy For(DemandProfile demand, LeadTime leadTime, ReorderSettings settings, SlowMover? slowMover = null)
    {
        var quantity = OrderQuantityFor(demand, settings);
        if (slowMover is not null)
        {
            return ForSlowMover(slowMover.OverLeadTime(leadTime), quantity, settings);
        }

        var deviation = SafetyStockFormulas.DemandDuringLeadTimeDeviation(demand, leadTime);
        var safety = settings.Kind == ServiceLevelKind.CycleServiceLevel
            ? SafetyStockFormulas.ForCycleServiceLevel(settings.ServiceLevel, deviation)
            : SafetyStockFormulas.ForFillRate(settings.ServiceLevel, quantity, deviation);
        var leadTimeDemand = demand.MeanPerPeriod * leadTime.MeanPeriods;

        // Stock moves in whole units and an order goes out when the position is at or below s, so a fractional s acts
        // as the unit below it: round up to keep the target.
        var reorderPoint = Math.Max(Math.Ceiling(leadTimeDemand + safety - 1e-9), settings.MinimumStock);
        return new ReorderPolicy(reorderPoint, quantity, reorderPoint - leadTimeDemand, leadTimeDemand, deviation);
    }

    private static double OrderQuantityFor(DemandProfile demand, ReorderSettings settings)
    {
        var annualDemand = demand.MeanPerPeriod * settings.PeriodsPerYear;
        return Math.Max(1, Math.Ceiling(EconomicOrderQuantity.Of(annualDemand, settings.OrderCost, settings.UnitCost, settings.AnnualHoldingRate)));
    }

    // A whole reorder point from the discrete distribution; the safety stock is what it holds above the mean.
    private static ReorderPolicy ForSlowMover(LeadTimeDemand leadTimeDemand, double quantity, ReorderSettings settings)
    {
        var point = settings.Kind == ServiceLevelKind.CycleServiceLevel
            ? DiscreteReorderPoint.ForCycleServiceLevel(leadTimeDemand, settings.ServiceLevel)
            : DiscreteReorderPoint.ForFillRate(leadTimeDemand, settings.ServiceLevel, (int)quantity);
        var mean = leadTimeDemand.Mean;
        var reorderPoint = Math.Max(point, settings.MinimumStock);
        return new ReorderPolicy(reorderPoint, quantity, reorderPoint - mean, mean, leadTimeDemand.StandardDeviation);
    }
}
