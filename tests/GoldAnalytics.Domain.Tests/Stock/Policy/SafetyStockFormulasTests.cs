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
        var safety = SafetyStockFormulas.ForFillRate(0.98, 100, 20);
        (safety / 20).Should().BeApproximately(0.9024, 1e-3);
        NormalLoss.G(safety / 20).Should().BeApproximately(0.1, 1e-9);
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
