using GoldAnalytics.Domain.Stock.Policy;

namespace GoldAnalytics.Domain.Tests.Stock.Policy;

public class FillRateOrderPairTests
{
    // Poisson lead-time demand with mean 2: E[(D − s)⁺] = 2, 1 + e⁻², 4e⁻² = 0.5413, 0.2180, 0.0751 for s = 0 … 4.
    private static readonly LeadTimeDemand Demand = LeadTimeDemand.Poisson(2);

    // EOQ = sqrt(2·K·D / h) = sqrt(2·5·10 / 1) = 10 units.
    private static readonly OrderingCosts Costs = new(AnnualDemand: 10, OrderCost: 5m, UnitCost: 1m, AnnualHoldingRate: 1);

    private static double FillRate(int s, int q) => DiscreteReorderPoint.FillRate(Demand, s, q);

    [Fact]
    public void A_reorder_point_one_unit_lower_with_a_slightly_larger_order_meets_the_target_for_less()
    {
        // At Q = 10 the 95 % target needs s = 3 (fill 0.9782; s = 2 gives 0.9459): cost 50/10 + 10/2 + 3 = 13.
        // s = 2 meets it with Q = 11 (1 − 0.5413/11 = 0.9508): 50/11 + 11/2 + 2 = 12.05. s = 1 needs Q = 23: 14.67.
        var pair = FillRateOrderPair.Choose(FillRate, 0.95, economicQuantity: 10, Costs, lowestReorderPoint: 0, highestReorderPoint: 20);

        pair.Should().Be((2, 11));
        FillRate(2, 11).Should().BeInRange(0.95, 0.951);
        Costs.Of(2, 11).Should().BeApproximately(50.0 / 11 + 5.5 + 2, 1e-12);
    }

    [Fact]
    public void The_economic_quantity_stays_when_a_lower_reorder_point_needs_a_much_larger_order()
    {
        // 99 %: at Q = 10, s = 4 (1 − 0.0751/10 = 0.9925) costs 5 + 5 + 4 = 14; s = 3 needs Q = 22 (0.2180/0.01 = 21.8):
        // 50/22 + 11 + 3 = 16.27. s = 2 would need Q = 55, whose holding alone (27.5) ends the search.
        var pair = FillRateOrderPair.Choose(FillRate, 0.99, economicQuantity: 10, Costs, lowestReorderPoint: 0, highestReorderPoint: 20);

        pair.Should().Be((4, 10));
    }

    [Fact]
    public void A_minimum_stock_bounds_the_reorder_point_from_below()
    {
        var pair = FillRateOrderPair.Choose(FillRate, 0.95, economicQuantity: 10, Costs, lowestReorderPoint: 3, highestReorderPoint: 20);

        pair.Should().Be((3, 10));
    }

    [Fact]
    public void Normal_lead_time_demand_without_spread_is_short_by_what_the_lead_time_wants_beyond_the_reorder_point()
    {
        // 10 units over the lead time for sure, s = 8, Q = 4: each cycle is 2 of its 4 units short.
        SafetyStockFormulas.FillRateAt(8, 4, demandDuringLeadTime: 10, deviationDuringLeadTime: 0).Should().Be(0.5);
        SafetyStockFormulas.FillRateAt(10, 4, demandDuringLeadTime: 10, deviationDuringLeadTime: 0).Should().Be(1);
        SafetyStockFormulas.FillRateAt(2, 4, demandDuringLeadTime: 10, deviationDuringLeadTime: 0).Should().Be(0);
    }

    [Fact]
    public void A_fill_rate_policy_meets_its_target_for_no_more_than_the_economic_quantity_with_its_smallest_reorder_point()
    {
        // Normal lead-time demand: μ_L = 3·4 = 12, σ_DL = sqrt(3·2²) = 3.46; EOQ = sqrt(2·208·20 / (100·0.25)) = 18.2 → 19.
        var settings = new ReorderSettings(0.90, ServiceLevelKind.FillRate, OrderCost: 20m, UnitCost: 100m, AnnualHoldingRate: 0.25, PeriodsPerYear: 52);
        var demand = new DemandProfile(4, 2);
        var lead = new LeadTime(3, 0);
        var costs = new OrderingCosts(4 * 52, 20m, 100m, 0.25);
        var deviation = Math.Sqrt(12);

        var policy = ReorderPolicy.For(demand, lead, settings);
        var alone = (int)Math.Ceiling(12 + SafetyStockFormulas.ForFillRate(0.90, 19, deviation));

        policy.OrderQuantity.Should().BeGreaterThanOrEqualTo(19);
        SafetyStockFormulas.FillRateAt((int)policy.ReorderPoint, (int)policy.OrderQuantity, 12, deviation).Should().BeGreaterThanOrEqualTo(0.90);
        costs.Of((int)policy.ReorderPoint, (int)policy.OrderQuantity).Should().BeLessThanOrEqualTo(costs.Of(alone, 19));
        policy.PredictedFillRate.Should().Be(SafetyStockFormulas.FillRateAt((int)policy.ReorderPoint, (int)policy.OrderQuantity, 12, deviation));
        policy.DemandDuringLeadTime.Should().Be(12);
        policy.SafetyStock.Should().Be(policy.ReorderPoint - 12);
    }
}
