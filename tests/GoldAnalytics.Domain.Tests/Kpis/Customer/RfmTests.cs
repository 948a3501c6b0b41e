using GoldAnalytics.Domain.Kpis.Customer;

namespace GoldAnalytics.Domain.Tests.Kpis.Customer;

public sealed class RfmTests
{
    private static readonly DateOnly AsOf = new(2024, 12, 31);

    [Fact]
    public void Ten_customers_fall_two_to_each_quintile()
    {
        var customers = Enumerable.Range(1, 10)
            .Select(i => new RfmInput(i, AsOf.AddDays(-10 * (11 - i)), Invoices: i, Revenue: 1_000m * i))
            .ToList();

        var scores = Rfm.Score(customers, AsOf).ToDictionary(s => s.CustomerId);

        scores.Values.Select(s => s.Frequency).Should().Equal(1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
        scores[10].Code.Should().Be("555");
        scores[10].Segment.Should().Be("champions");
        scores[1].Code.Should().Be("111");
        scores[1].Segment.Should().Be("lost");
    }

    [Fact]
    public void Equal_values_get_equal_scores()
    {
        var customers = Enumerable.Range(1, 5).Select(i => new RfmInput(i, AsOf, Invoices: i <= 3 ? 1 : 2, Revenue: 100m)).ToList();

        var scores = Rfm.Score(customers, AsOf);

        scores.Select(s => s.Frequency).Should().Equal(1, 1, 1, 4, 4);
        scores.Should().OnlyContain(s => s.Recency == 1 && s.Monetary == 1);
    }

    [Theory]
    [InlineData(5, 5, 5, "champions")]
    [InlineData(3, 4, 3, "loyal")]
    [InlineData(4, 2, 2, "potential_loyalist")]
    [InlineData(5, 1, 1, "new")]
    [InlineData(4, 1, 1, "promising")]
    [InlineData(3, 2, 2, "need_attention")]
    [InlineData(3, 1, 1, "about_to_sleep")]
    [InlineData(1, 5, 5, "cannot_lose")]
    [InlineData(2, 3, 4, "at_risk")]
    [InlineData(2, 1, 2, "hibernating")]
    [InlineData(1, 1, 2, "lost")]
    public void Segments_follow_recency_and_the_mean_of_frequency_and_monetary(int r, int f, int m, string segment)
    {
        Rfm.Segment(r, f, m).Should().Be(segment);
    }

    [Fact]
    public void No_customers_give_no_scores()
    {
        Rfm.Score([], AsOf).Should().BeEmpty();
    }
}
