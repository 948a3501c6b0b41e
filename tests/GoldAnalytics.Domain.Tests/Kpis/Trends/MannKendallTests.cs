using GoldAnalytics.Domain.Kpis.Trends;

namespace GoldAnalytics.Domain.Tests.Kpis.Trends;

public sealed class MannKendallTests
{
    [Fact]
    public void A_strictly_rising_series_of_ten_days_is_a_significant_upward_trend()
    {
        // S = 45 pairs, Var(S) = 10·9·25/18 = 125, Z = (45 − 1)/√125 = 3.9355, p = 8.3e-5.
        var result = MannKendall.Test([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])!;

        result.S.Should().Be(45);
        result.Z.Should().BeApproximately(3.9355, 1e-4);
        result.PValue.Should().BeApproximately(8.3e-5, 1e-5);
        result.SenSlope.Should().Be(1);
        result.IsSignificant().Should().BeTrue();
    }

    [Fact]
    public void Ties_reduce_the_variance()
    {
        // Values 1,1,2,2,3,3,4,4: S = 24; ties: four groups of 2 → Σ t(t−1)(2t+5) = 4·18 = 72;
        // Var = (8·7·21 − 72)/18 = 61.333; Z = 23/√61.333 = 2.9368.
        var result = MannKendall.Test([1, 1, 2, 2, 3, 3, 4, 4])!;

        result.S.Should().Be(24);
        result.Z.Should().BeApproximately(2.9368, 1e-4);
    }

    [Fact]
    public void An_alternating_series_has_no_significant_trend()
    {
        var result = MannKendall.Test([5, 1, 5, 1, 5, 1, 5, 1, 5, 1])!;

        result.IsSignificant().Should().BeFalse();
    }

    [Fact]
    public void A_falling_series_has_a_negative_statistic_and_slope()
    {
        var result = MannKendall.Test([20, 18, 17, 15, 12, 11, 9, 8, 6, 2])!;

        result.S.Should().Be(-45);
        result.Z.Should().BeNegative();
        result.SenSlope.Should().BeNegative();
    }

    [Fact]
    public void Fewer_than_eight_points_are_not_tested()
    {
        MannKendall.Test([1, 2, 3, 4, 5, 6, 7]).Should().BeNull();
    }

    [Fact]
    public void A_constant_series_has_zero_statistic_and_p_value_one()
    {
        var result = MannKendall.Test([3, 3, 3, 3, 3, 3, 3, 3])!;

        result.S.Should().Be(0);
        result.PValue.Should().Be(1);
    }

    [Fact]
    public void Sen_slope_is_the_median_of_all_pairwise_slopes()
    {
        // Pairs of 0, 3, 1, 4, 2, 5, 3, 6: their 28 slopes sorted have median 0.5 (checked by brute force below).
        double[] series = [0, 3, 1, 4, 2, 5, 3, 6];
        var slopes = new List<double>();
        for (var i = 0; i < series.Length; i++)
        {
            for (var j = i + 1; j < series.Length; j++)
            {
                slopes.Add((series[j] - series[i]) / (j - i));
            }
        }

        slopes.Sort();
        var expected = (slopes[13] + slopes[14]) / 2;

        MannKendall.Test(series)!.SenSlope.Should().Be(expected);
        expected.Should().Be(0.5);
    }

    [Fact]
    public void Three_years_of_days_are_tested_without_the_quadratic_slope_past_its_limit()
    {
        var random = new Random(7);
        var series = Enumerable.Range(0, 1096).Select(i => 1000 + i + (random.NextDouble() * 400)).ToList();

        var result = MannKendall.Test(series)!;

        result.IsSignificant().Should().BeTrue();
        result.S.Should().BePositive();
        result.SenSlope.Should().BeNull("three years of days are past the slope's limit");
        MannKendall.Test(series.Take(MannKendall.MaxSenPoints).ToList())!.SenSlope.Should().BeApproximately(1, 0.15);
    }

    [Fact]
    public void The_statistic_equals_a_brute_force_count_of_rises_and_falls()
    {
        var random = new Random(3);
        var series = Enumerable.Range(0, 101).Select(_ => (double)random.Next(0, 20)).ToList();
        long expected = 0;
        for (var i = 0; i < series.Count; i++)
        {
            for (var j = i + 1; j < series.Count; j++)
            {
                expected += Math.Sign(series[j] - series[i]);
            }
        }

        MannKendall.Test(series)!.S.Should().Be(expected);
    }
}
