using GoldAnalytics.Domain.Forecasting.Decomposition;

namespace GoldAnalytics.Domain.Tests.Forecasting.Decomposition;

public class StlTests
{
    [Fact]
    public void Components_add_up_and_the_seasonal_recovers_the_true_season()
    {
        var y = SyntheticSeries.Seasonal(120, 12, 100, 0.3, 10, 0.5, seed: 14);
        var stl = Stl.Decompose(y, 12);
        for (var t = 0; t < y.Length; t++)
        {
            (stl.Trend[t] + stl.Seasonal[t] + stl.Remainder[t]).Should().BeApproximately(y[t], 1e-9);
        }
        for (var t = 24; t < 96; t++)
        {
            stl.Seasonal[t].Should().BeApproximately(10 * Math.Sin(2 * Math.PI * t / 12), 1.5);
            stl.Trend[t].Should().BeApproximately(100 + 0.3 * t, 1.5);
        }
    }

    [Fact]
    public void Loess_of_degree_one_reproduces_a_straight_line()
    {
        var line = Enumerable.Range(0, 30).Select(t => 3 + 0.5 * t).ToArray();
        Loess.Smooth(line, 7, 1).Zip(line, (a, b) => a - b).Should().AllSatisfy(d => d.Should().BeApproximately(0, 1e-9));
    }

    [Fact]
    public void Refuses_a_series_shorter_than_two_seasons()
    {
        var act = () => Stl.Decompose(new double[20], 12);
        act.Should().Throw<ArgumentException>().WithMessage("*two seasons*");
    }
}
