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
    public void Whole_periods_add_up_by_convolution()
    {
        // Each week wants 0 or 2 units with even odds; over 2 weeks: 0, 2 or 4 with 1/4, 1/2, 1/4.
        var demand = LeadTimeDemand.OverPeriods([0.5, 0, 0.5], new LeadTime(2, 0));

        demand.Probabilities.Should().HaveCount(5);
        demand.Probabilities[0].Should().BeApproximately(0.25, 1e-12);
        demand.Probabilities[1].Should().Be(0);
        demand.Probabilities[2].Should().BeApproximately(0.5, 1e-12);
        demand.Probabilities[4].Should().BeApproximately(0.25, 1e-12);
        demand.StandardDeviation.Should().BeApproximately(Math.Sqrt(2), 1e-12);
    }

    [Fact]
    public void A_fractional_lead_time_mixes_the_whole_periods_either_side_and_keeps_the_mean()
    {
        // 1.5 weeks: half of one week (0 or 2 at 1/2 each) and half of two weeks (0, 2, 4 at 1/4, 1/2, 1/4).
        var demand = LeadTimeDemand.OverPeriods([0.5, 0, 0.5], new LeadTime(1.5, 0));

        demand.Probabilities[0].Should().BeApproximately(0.375, 1e-12);
        demand.Probabilities[2].Should().BeApproximately(0.5, 1e-12);
        demand.Probabilities[4].Should().BeApproximately(0.125, 1e-12);
        demand.Mean.Should().BeApproximately(1.5, 1e-12);
    }

    [Fact]
    public void A_variable_lead_time_keeps_the_mean_and_widens_the_spread()
    {
        // Half of the weeks want 1 or 3 units (mean 1 a week) over 4 ± 1 weeks: mean 4.
        double[] week = [0.5, 0.25, 0, 0.25];
        var fixedLead = LeadTimeDemand.OverPeriods(week, new LeadTime(4, 0));
        var variableLead = LeadTimeDemand.OverPeriods(week, new LeadTime(4, 1));

        fixedLead.Mean.Should().BeApproximately(4, 1e-8);
        variableLead.Mean.Should().BeApproximately(4, 1e-6);
        variableLead.StandardDeviation.Should().BeGreaterThan(fixedLead.StandardDeviation);
        variableLead.Probabilities.Sum().Should().BeApproximately(1, 1e-8);
    }
}
