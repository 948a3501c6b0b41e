using GoldAnalytics.Data.DemoData;

namespace GoldAnalytics.Data.Tests.DemoData;

public sealed class DemoRandomTests
{
    [Fact]
    public void The_same_seed_gives_the_same_sequence_and_another_seed_a_different_one()
    {
        var a = new DemoRandom(7);
        var b = new DemoRandom(7);
        var c = new DemoRandom(8);

        var first = Enumerable.Range(0, 100).Select(_ => a.NextUInt64()).ToList();
        var second = Enumerable.Range(0, 100).Select(_ => b.NextUInt64()).ToList();
        var other = Enumerable.Range(0, 100).Select(_ => c.NextUInt64()).ToList();

        second.Should().Equal(first);
        other.Should().NotIntersectWith(first);
    }

    [Fact]
    public void Bounded_draws_stay_in_range_and_cover_it_evenly()
    {
        var random = new DemoRandom(1);
        var counts = new int[10];
        for (var i = 0; i < 100_000; i++)
        {
            counts[random.Next(10)]++;
        }

        counts.Should().AllSatisfy(c => c.Should().BeInRange(9_500, 10_500));
        Enumerable.Range(0, 1000).Select(_ => random.NextDouble()).Should().AllSatisfy(d => d.Should().BeGreaterThanOrEqualTo(0).And.BeLessThan(1));
    }

    [Fact]
    public void Normal_draws_have_mean_zero_and_unit_spread()
    {
        var random = new DemoRandom(2);
        var draws = Enumerable.Range(0, 50_000).Select(_ => random.Normal()).ToList();

        var mean = draws.Average();
        var variance = draws.Sum(d => (d - mean) * (d - mean)) / draws.Count;
        mean.Should().BeApproximately(0, 0.02);
        variance.Should().BeApproximately(1, 0.03);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(3)]
    [InlineData(40)]
    [InlineData(2000)]
    public void Counts_average_their_mean(double mean)
    {
        var random = new DemoRandom(3);
        var counts = Enumerable.Range(0, 20_000).Select(_ => random.Count(mean)).ToList();

        counts.Should().AllSatisfy(c => c.Should().BeGreaterThanOrEqualTo(0));
        counts.Average().Should().BeApproximately(mean, (mean * 0.02) + 0.02);
    }

    [Fact]
    public void Weighted_picks_follow_the_weights_including_weights_added_later()
    {
        var random = new DemoRandom(4);
        var picker = new WeightedPicker([1.0, 0.0, 3.0]);
        picker.Add(4.0);
        var counts = new int[4];
        for (var i = 0; i < 80_000; i++)
        {
            counts[picker.Pick(random)]++;
        }

        counts[1].Should().Be(0);
        ((double)counts[0] / 80_000).Should().BeApproximately(0.125, 0.01);
        ((double)counts[2] / 80_000).Should().BeApproximately(0.375, 0.01);
        ((double)counts[3] / 80_000).Should().BeApproximately(0.5, 0.01);
    }
}
