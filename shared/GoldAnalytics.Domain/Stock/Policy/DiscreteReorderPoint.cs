namespace GoldAnalytics.Domain.Stock.Policy;

/// <summary>
/// The smallest whole reorder point meeting a service target under a discrete lead-time demand, for a continuous
/// review (s, Q) policy with unit sales: the position after ordering is s + Q, so the stock facing a lead time is s.
/// </summary>
public static class DiscreteReorderPoint
{
    /// <summary>Smallest s with P(D ≤ s) ≥ the cycle service level (probability of no stockout in a cycle).</summary>
    public static int ForCycleServiceLevel(LeadTimeDemand demand, double cycleServiceLevel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(cycleServiceLevel, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cycleServiceLevel, 1);
        var cumulative = 0.0;
        for (var s = 0; s < demand.Probabilities.Count; s++)
        {
            cumulative += demand.Probabilities[s];
            if (cumulative >= cycleServiceLevel)
            {
                return s;
            }
        }
        return demand.Probabilities.Count - 1;
    }

    /// <summary>
    /// Smallest s ≥ 0 whose fill rate 1 − (E[(D − s)⁺] − E[(D − s − Q)⁺]) / Q reaches the target: the units short in a
    /// cycle are those the lead-time demand takes beyond s, less those beyond s + Q that belong to the next cycle.
    /// </summary>
    public static int ForFillRate(LeadTimeDemand demand, double fillRate, int orderQuantity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(fillRate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fillRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(orderQuantity, 1);
        var top = demand.Probabilities.Count - 1;
        for (var s = 0; s < top; s++)
        {
            if (FillRate(demand, s, orderQuantity) >= fillRate)
            {
                return s;
            }
        }
        return top;
    }

    /// <summary>The fill rate of reorder point s and order quantity Q.</summary>
    public static double FillRate(LeadTimeDemand demand, int reorderPoint, int orderQuantity) =>
        1 - (demand.ExpectedShortfall(reorderPoint) - demand.ExpectedShortfall(reorderPoint + orderQuantity)) / orderQuantity;
}
