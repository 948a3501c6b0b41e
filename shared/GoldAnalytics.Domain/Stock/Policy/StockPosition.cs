namespace GoldAnalytics.Domain.Stock.Policy;

/// <summary>Units of one SKU at one branch: on hand, on order from suppliers, reserved for customers.</summary>
public sealed record StockPosition(double OnHand, double OnOrder, double Reserved)
{
    /// <summary>Inventory position: on hand + on order − reserved.</summary>
    public double Position => OnHand + OnOrder - Reserved;
}
