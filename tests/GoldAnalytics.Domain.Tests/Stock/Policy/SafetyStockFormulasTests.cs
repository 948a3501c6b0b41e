using GoldAnalytics.Domain.Stock.Policy;

namespace GoldAnalytics.Domain.Tests.Stock.Policy;

public class SafetyStockFormulasTests
{
    [Fact]
    public void Deviation_over_the_lead_time_combines_demand_and_lead_time_variability()
    {
        // sqrt(L·σd² + d²·σL²) = sqrt(4·9 + 100·1) = sqrt(136)
        var sigma = SafetyStockFormulas.DemandDuringLeadTimeDeviation(new DemandProfile(10, 3), new LeadTime(4, 1));
        sigma.Should().BeApproximately(Math.Sqrt(136), 1e-12);
    }

    [Fact]
    public void Cycle_service_level_of_95_percent_stocks_1_645_deviations()
    {
        SafetyStockFormulas.ForCycleServiceLevel(0.95, 10).Should().BeApproximately(16.4485, 1e-3);
    }

    [Fact]
    public void Fill_rate_safety_factor_solves_the_normal_loss_equation()
    {
        // Q = 100, σ_DL = 20, fill 98%: G(k) = 100·0.02/20 = 0.1. By hand G(0.90) = 0.26609 − 0.9·0.18406 = 0.1004 and
        // G(0.91) = 0.26381 − 0.91·0.18141 = 0.0987, so k ≈ 0.9024 by linear interpolation.
        // G(k + Q/σ) = G(5.9) is below 1e-9, so the shortage beyond s + Q does not move k here.
        var safety = SafetyStockFormulas.ForFillRate(0.98, 100, 20);
        (safety / 20).Should().BeApproximately(0.9024, 1e-3);
        SafetyStockFormulas.FillRate(safety / 20, 100, 20).Should().BeApproximately(0.98, 1e-9);
    }

    [Theory]
    [InlineData(10, 10, -0.5)]
    [InlineData(40, 10, -2.0)]
    [InlineData(6, 20, -0.15)]
    public void Half_the_demand_is_served_when_the_reorder_point_is_half_an_order_below_the_lead_time_demand(double quantity, double sigma, double k)
    {
        // G(−x) = G(x) + x, so σ·(G(−Q/2σ) − G(Q/2σ)) = Q/2: half of each order is short. The loss G(k) = Q·(1 − fill)/σ
        // alone would put k at −0.19 for Q = σ = 10, charging a cycle for shortage beyond s + Q that the next order covers.
        (SafetyStockFormulas.ForFillRate(0.5, quantity, sigma) / sigma).Should().BeApproximately(k, 1e-6);
        SafetyStockFormulas.FillRate(-0.5, 10, 10).Should().BeApproximately(0.5, 1e-12);
    }

    [Fact]
    public void Normal_loss_has_its_tabulated_values()
    {
        // Standard tables: G(0.5) = 0.1978, G(1) = 0.0833, G(2) = 0.0085; G(−1) = G(1) + 1.
        NormalLoss.G(0.5).Should().BeApproximately(0.19780, 1e-5);
        NormalLoss.G(1).Should().BeApproximately(0.08332, 1e-5);
        NormalLoss.G(2).Should().BeApproximately(0.00849, 1e-5);
        NormalLoss.G(-1).Should().BeApproximately(1.08332, 1e-5);
    }

    [Fact]
    public void A_lower_fill_rate_target_needs_a_lower_reorder_point()
    {
        var ninety = SafetyStockFormulas.ForFillRate(0.90, 20, 10);
        var ninetyNine = SafetyStockFormulas.ForFillRate(0.99, 20, 10);

        ninety.Should().BeLessThan(ninetyNine);
        SafetyStockFormulas.FillRate(ninety / 10, 20, 10).Should().BeApproximately(0.90, 1e-9);
    }

    [Fact]
    public void Demand_variability_from_forecast_errors_is_their_root_mean_square()
    {
        // Errors 1, −1, 3, −3: mean 0, sample variance 20/3, so σ = sqrt(20/3).
        DemandProfile.FromForecastErrors(10, [1, -1, 3, -3]).StandardDeviationPerPeriod.Should().BeApproximately(Math.Sqrt(20.0 / 3), 1e-12);
    }

    [Fact]
    public void Normal_loss_at_zero_is_one_over_root_two_pi()
    {
        NormalLoss.G(0).Should().BeApproximately(1 / Math.Sqrt(2 * Math.PI), 1e-12);
    }

    [Fact]
    public void Economic_order_quantity_balances_ordering_and_holding()
    {
        // sqrt(2 · 1200 · 50 / (0.25 · 400)) = sqrt(1200) ≈ 34.64
        EconomicOrderQuantity.Of(1200, 50m, 400m, 0.25).Should().BeApproximately(Math.Sqrt(1200), 1e-9);
    }
}
