namespace GoldAnalytics.Domain.Stock.Policy;

/// <summary>What to do about a SKU at a branch.</summary>
public enum StockAction
{
    OrderNow,
    Fine,
    Overstocked,
    DeadStock,
}

/// <summary>
/// A recommendation with the quantity to order (when ordering), the policy behind it, the position it was judged on,
/// and an urgency for sorting (periods of cover left before the safety stock is reached; lower is more urgent).
/// </summary>
public sealed record StockRecommendation(StockAction Action, double OrderQuantity, ReorderPolicy Policy, double Position, double PeriodsOfCover, string Reason)
{
    /// <summary>Recommends from the position, the policy and the periods since the last sale.</summary>
    public static StockRecommendation For(StockPosition stock, DemandProfile demand, LeadTime leadTime, ReorderSettings settings, int periodsSinceLastSale) =>
        For(stock, demand, ReorderPolicy.For(demand, leadTime, settings), settings, periodsSinceLastSale);

    /// <summary>Recommends from the position and a policy already chosen (e.g. a slow mover's discrete one).</summary>
    public static StockRecommendation For(StockPosition stock, DemandProfile demand, ReorderPolicy policy, ReorderSettings settings, int periodsSinceLastSale)
    {
        var position = stock.Position;
        var cover = demand.MeanPerPeriod > 0 ? (position - policy.SafetyStock) / demand.MeanPerPeriod : double.PositiveInfinity;
        if (stock.OnHand > 0 && periodsSinceLastSale >= settings.DeadStockPeriods)
        {
            return new(StockAction.DeadStock, 0, policy, position, cover, $"no sale for {periodsSinceLastSale} periods with {stock.OnHand:0.##} on hand");
        }
        if (position <= policy.ReorderPoint && demand.MeanPerPeriod > 0)
        {
            // Whole multiples of Q lift the position above the reorder point, as an (s, nQ) policy does.
            var multiples = Math.Max(1, Math.Ceiling((policy.ReorderPoint - position + 1e-9) / policy.OrderQuantity));
            return new(StockAction.OrderNow, multiples * policy.OrderQuantity, policy, position, cover,
                $"position {position:0.##} is at or below the reorder point {policy.ReorderPoint:0.##}");
        }
        var ceiling = policy.ReorderPoint + settings.OverstockCover * policy.OrderQuantity;
        if (position > ceiling)
        {
            return new(StockAction.Overstocked, 0, policy, position, cover, $"position {position:0.##} exceeds {ceiling:0.##} (reorder point + {settings.OverstockCover:0.#} orders)");
        }
        return new(StockAction.Fine, 0, policy, position, cover, $"position {position:0.##} is above the reorder point {policy.ReorderPoint:0.##}");
    }
}
