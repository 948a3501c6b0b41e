using GoldAnalytics.Domain.Stock.Policy;

namespace GoldAnalytics.Domain.Tests.Stock.Policy;

public class StockRecommendationTests
{
    private static readonly ReorderSettings Settings = new(0.95, ServiceLevelKind.CycleServiceLevel, 50m, 400m, 0.25, 365, DeadStockPeriods: 120);
    private static readonly DemandProfile Demand = new(2, 1.5);
    private static readonly LeadTime Lead = new(10, 2);

    [Fact]
    public void Position_at_or_below_the_reorder_point_orders_whole_multiples_of_the_economic_quantity()
    {
        var policy = ReorderPolicy.For(Demand, Lead, Settings);
        var recommendation = StockRecommendation.For(new StockPosition(OnHand: 10, OnOrder: 0, Reserved: 2), Demand, Lead, Settings, periodsSinceLastSale: 1);
        recommendation.Action.Should().Be(StockAction.OrderNow);
        recommendation.Position.Should().Be(8);
        (recommendation.OrderQuantity % policy.OrderQuantity).Should().Be(0);
        (recommendation.Position + recommendation.OrderQuantity).Should().BeGreaterThan(policy.ReorderPoint);
    }

    [Fact]
    public void Reorder_point_is_lead_time_demand_plus_safety_stock_rounded_up_to_a_whole_unit()
    {
        // σ_DL = sqrt(10·1.5² + 2²·2²) = 6.2048; 20 + 1.6449·6.2048 = 30.21, so the whole reorder point is 31.
        var policy = ReorderPolicy.For(Demand, Lead, Settings);
        policy.ReorderPoint.Should().Be(31);
        policy.SafetyStock.Should().BeApproximately(11, 1e-9);
    }

    [Fact]
    public void Stock_on_order_counts_towards_the_position()
    {
        StockRecommendation.For(new StockPosition(10, 40, 0), Demand, Lead, Settings, 1).Action.Should().Be(StockAction.Fine);
    }

    [Fact]
    public void Far_more_than_the_policy_needs_is_overstocked()
    {
        StockRecommendation.For(new StockPosition(500, 0, 0), Demand, Lead, Settings, 1).Action.Should().Be(StockAction.Overstocked);
    }

    [Fact]
    public void Stock_without_a_sale_for_the_dead_stock_period_is_dead_stock()
    {
        StockRecommendation.For(new StockPosition(5, 0, 0), new DemandProfile(0, 0), Lead, Settings, 150).Action.Should().Be(StockAction.DeadStock);
    }
}
