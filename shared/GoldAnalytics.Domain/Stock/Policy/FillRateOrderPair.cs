namespace GoldAnalytics.Domain.Stock.Policy;

/// <summary>Annual cost inputs of an (s, Q) policy: demand per year, cost per order, unit cost and the yearly holding rate on it.</summary>
public sealed record OrderingCosts(double AnnualDemand, decimal OrderCost, decimal UnitCost, double AnnualHoldingRate)
{
    /// <summary>Cost of holding one unit for a year.</summary>
    public double HoldingPerUnit => (double)UnitCost * AnnualHoldingRate;

    /// <summary>
    /// Ordering plus holding cost per year, K·D/Q + h·(Q/2 + s), without the −h·μ_L every pair shares: the stock held
    /// on average is Q/2 + s − μ_L.
    /// </summary>
    public double Of(int reorderPoint, int orderQuantity) =>
        (double)OrderCost * AnnualDemand / orderQuantity + HoldingPerUnit * (orderQuantity / 2.0 + reorderPoint);
}

/// <summary>
/// A reorder point and an order quantity chosen together for a fill-rate target, in whole units: the pair meeting the
/// target at the least ordering and holding cost (the fill-rate constrained (s, Q) problem of Hadley and Whitin, Yano).
/// The fill rate 1 − (E[(D − s)⁺] − E[(D − s − Q)⁺]) / Q rises with Q, so a reorder point below the one the economic
/// quantity needs can still meet the target with a larger order: whichever costs less wins. Sizing s alone for a fixed Q
/// must round it up to a whole unit, and one unit of s is worth several points of fill rate when Q is a couple of weeks'
/// demand; with Q free the cheaper pairs land on the target instead of above it.
/// </summary>
public static class FillRateOrderPair
{
    /// <summary>
    /// The cheapest (s, Q) with fill rate at least <paramref name="target"/>: Q never below
    /// <paramref name="economicQuantity"/> (a smaller order only adds ordering cost and lowers the fill rate), s never
    /// below <paramref name="lowestReorderPoint"/> (a minimum stock) unless even the economic quantity's s is.
    /// </summary>
    public static (int ReorderPoint, int OrderQuantity) Choose(
        Func<int, int, double> fillRate, double target, int economicQuantity, OrderingCosts costs, int lowestReorderPoint, int highestReorderPoint)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(target, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(target, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(economicQuantity, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(costs.HoldingPerUnit);

        var atEconomic = lowestReorderPoint;
        while (atEconomic < highestReorderPoint && fillRate(atEconomic, economicQuantity) < target)
        {
            atEconomic++;
        }

        var best = (ReorderPoint: atEconomic, OrderQuantity: economicQuantity);
        var bestCost = costs.Of(atEconomic, economicQuantity);
        var quantity = economicQuantity;
        for (var s = atEconomic - 1; s >= lowestReorderPoint; s--)
        {
            // A lower s needs at least the quantity the s above it needed; holding Q/2 alone past the best cost ends the search.
            while (fillRate(s, quantity) < target && costs.HoldingPerUnit * quantity / 2 <= bestCost)
            {
                quantity++;
            }
            if (costs.HoldingPerUnit * quantity / 2 > bestCost)
            {
                break;
            }
            var cost = costs.Of(s, quantity);
            if (cost < bestCost)
            {
                best = (s, quantity);
                bestCost = cost;
            }
        }
        return best;
    }
}
