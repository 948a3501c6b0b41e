using GoldAnalytics.Domain.Stock.Policy;

namespace GoldAnalytics.Domain.Tests.Stock.Policy;

public class LeadTimeDemandTests
{
    [Fact]
    public void Poisson_lead_time_demand_has_the_poisson_probabilities_mean_and_deviation()
    {
        var demand = LeadTimeDemand.Poisson(2);

        demand.Probabilities[0].Should().BeApproximately(Math.Exp(-2), 1e-12);
        demand.Probabilities[3].Should().BeApproximately(Math.Exp(-2) * 8 / 6, 1e-12);
        demand.AtMost(4).Should().BeApproximately(0.947347, 1e-6);
        demand.Mean.Should().BeApproximately(2, 1e-8);
        demand.StandardDeviation.Should().BeApproximately(Math.Sqrt(2), 1e-8);
    }

    [Fact]
    public void Expected_shortfall_is_the_discrete_loss_function()
    {
        var demand = LeadTimeDemand.Poisson(2);

        // E[(D − 0)⁺] = E[D] = 2; E[(D − 1)⁺] = E[D] − 1 + P(D = 0) = 1 + e^−2.
        demand.ExpectedShortfall(0).Should().BeApproximately(2, 1e-8);
        demand.ExpectedShortfall(1).Should().BeApproximately(1 + Math.Exp(-2), 1e-8);
    }

    [Fact]
    public void Occasions_wanting_two_units_each_give_even_demand_only()
    {
        // 0.5 occasions a week over 2 weeks: N ~ Poisson(1), D = 2N.
        var demand = LeadTimeDemand.CompoundPoisson(0.5, [2, 2], new LeadTime(2, 0));

        demand.Probabilities[0].Should().BeApproximately(Math.Exp(-1), 1e-12);
        demand.Probabilities[1].Should().Be(0);
        demand.Probabilities[2].Should().BeApproximately(Math.Exp(-1), 1e-12);
        demand.Probabilities[4].Should().BeApproximately(Math.Exp(-1) / 2, 1e-12);
        demand.Mean.Should().BeApproximately(2, 1e-8);
    }

    [Fact]
    public void A_variable_lead_time_keeps_the_mean_and_widens_the_spread()
    {
        // 0.5 occasions a week of 1 or 3 units over 4 ± 1 weeks: mean 0.5 · 2 · 4 = 4.
        var fixedLead = LeadTimeDemand.CompoundPoisson(0.5, [1, 3], new LeadTime(4, 0));
        var variableLead = LeadTimeDemand.CompoundPoisson(0.5, [1, 3], new LeadTime(4, 1));

        fixedLead.Mean.Should().BeApproximately(4, 1e-8);
        variableLead.Mean.Should().BeApproximately(4, 1e-6);
        variableLead.StandardDeviation.Should().BeGreaterThan(fixedLead.StandardDeviation);
        variableLead.Probabilities.Sum().Should().BeApproximately(1, 1e-8);
    }
}
