namespace GoldAnalytics.Domain.Stock.Policy;

/// <summary>
/// An (s, Q) policy: order Q (or a multiple) when the inventory position falls to the reorder point s; with the fill
/// rate its own lead-time demand model predicts, when sized by <see cref="For"/>.
/// </summary>
public sealed record ReorderPolicy(double ReorderPoint, double OrderQuantity, double SafetyStock, double DemandDuringLeadTime, double DeviationDuringLeadTime, double? PredictedFillRate = null)
{
    /// <summary>
    /// The policy for a demand profile, lead time and settings, from the discrete lead-time demand of a
    /// <paramref name="slowMover"/> when given, else from the normal approximation. A cycle service level takes the EOQ
    /// for Q (the level does not depend on Q); a fill rate takes the cheapest whole (s, Q) meeting it with Q at least the
    /// EOQ (<see cref="FillRateOrderPair"/>).
    /// </summary>
    public static ReorderPolicy For(DemandProfile demand, LeadTime leadTime, ReorderSettings settings, SlowMover? slowMover = null)
    {
        var quantity = OrderQuantityFor(demand, settings);
        if (slowMover is not null)
        {
            return ForSlowMover(slowMover.OverLeadTime(leadTime), quantity, demand, settings);
        }

        var deviation = SafetyStockFormulas.DemandDuringLeadTimeDeviation(demand, leadTime);
        var leadTimeDemand = demand.MeanPerPeriod * leadTime.MeanPeriods;
        var safety = settings.Kind == ServiceLevelKind.CycleServiceLevel
            ? SafetyStockFormulas.ForCycleServiceLevel(settings.ServiceLevel, deviation)
            : SafetyStockFormulas.ForFillRate(settings.ServiceLevel, quantity, deviation);

        // Stock moves in whole units and an order goes out when the position is at or below s, so a fractional s acts
        // as the unit below it: round up to keep the target.
        var reorderPoint = (int)Math.Max(Math.Ceiling(leadTimeDemand + safety - 1e-9), settings.MinimumStock);
        if (settings.Kind == ServiceLevelKind.FillRate)
        {
            (reorderPoint, quantity) = FillRateOrderPair.Choose(
                (s, q) => SafetyStockFormulas.FillRateAt(s, q, leadTimeDemand, deviation), settings.ServiceLevel, quantity, CostsOf(demand, settings),
                LowestReorderPoint(settings, reorderPoint), reorderPoint);
        }
        return new ReorderPolicy(reorderPoint, quantity, reorderPoint - leadTimeDemand, leadTimeDemand, deviation,
            SafetyStockFormulas.FillRateAt(reorderPoint, quantity, leadTimeDemand, deviation));
    }

    private static int OrderQuantityFor(DemandProfile demand, ReorderSettings settings) =>
        (int)Math.Max(1, Math.Ceiling(EconomicOrderQuantity.Of(AnnualDemand(demand, settings), settings.OrderCost, settings.UnitCost, settings.AnnualHoldingRate)));

    private static double AnnualDemand(DemandProfile demand, ReorderSettings settings) => demand.MeanPerPeriod * settings.PeriodsPerYear;

    private static OrderingCosts CostsOf(DemandProfile demand, ReorderSettings settings) =>
        new(AnnualDemand(demand, settings), settings.OrderCost, settings.UnitCost, settings.AnnualHoldingRate);

    // No negative reorder point is searched for (an order only after customers wait), unless the EOQ's own s is one.
    private static int LowestReorderPoint(ReorderSettings settings, int atEconomicQuantity) =>
        (int)Math.Ceiling(Math.Max(settings.MinimumStock, Math.Min(0, atEconomicQuantity)));

    // A whole reorder point from the discrete distribution; the safety stock is what it holds above the mean.
    private static ReorderPolicy ForSlowMover(LeadTimeDemand leadTimeDemand, int quantity, DemandProfile demand, ReorderSettings settings)
    {
        var mean = leadTimeDemand.Mean;
        var lowest = LowestReorderPoint(settings, 0);
        int reorderPoint;
        if (settings.Kind == ServiceLevelKind.CycleServiceLevel)
        {
            reorderPoint = Math.Max(DiscreteReorderPoint.ForCycleServiceLevel(leadTimeDemand, settings.ServiceLevel), lowest);
        }
        else
        {
            (reorderPoint, quantity) = FillRateOrderPair.Choose(
                (s, q) => DiscreteReorderPoint.FillRate(leadTimeDemand, s, q), settings.ServiceLevel, quantity, CostsOf(demand, settings),
                lowest, Math.Max(lowest, leadTimeDemand.Probabilities.Count - 1));
        }
        return new ReorderPolicy(reorderPoint, quantity, reorderPoint - mean, mean, leadTimeDemand.StandardDeviation,
            DiscreteReorderPoint.FillRate(leadTimeDemand, reorderPoint, quantity));
    }
}
