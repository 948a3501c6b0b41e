using GoldAnalytics.Domain.Kpis.Insights;

namespace GoldAnalytics.Domain.Tests.Kpis;

public sealed class AffinityTests
{
    [Fact]
    public void Support_confidence_and_lift_of_a_pair()
    {
        // 100 invoices: 20 with a ring, 10 with earrings, 8 with both.
        var measures = Affinity.Measure(new PairCounts(100, 20, 10, 8))!;

        measures.Support.Should().Be(0.08m);
        measures.ConfidenceAToB.Should().Be(0.4m);
        measures.ConfidenceBToA.Should().Be(0.8m);
        measures.Lift.Should().Be(4m); // 0.08 / (0.2 × 0.1)
    }

    [Fact]
    public void Independent_products_have_lift_one()
    {
        Affinity.Measure(new PairCounts(100, 50, 20, 10))!.Lift.Should().Be(1m);
    }

    [Fact]
    public void No_baskets_give_no_measures()
    {
        Affinity.Measure(new PairCounts(0, 0, 0, 0)).Should().BeNull();
    }

    [Fact]
    public void Minimum_support_becomes_a_minimum_number_of_invoices()
    {
        Affinity.MinimumBaskets(10_000, 0.001m).Should().Be(10);
        Affinity.MinimumBaskets(10_001, 0.001m).Should().Be(11);
        Affinity.MinimumBaskets(10, 0m).Should().Be(1);
    }
}
