using GoldAnalytics.Domain.Forecasting.Intermittent;
using GoldAnalytics.Domain.Forecasting.Models;

namespace GoldAnalytics.Domain.Tests.Forecasting.Intermittent;

public class CrostonModelTests
{
    private static readonly double[] Demand = [0, 0, 5, 0, 0, 3, 0, 0, 0, 4, 0, 2];

    [Fact]
    public void Croston_matches_the_hand_computation()
    {
        // Sizes 5, 3, 4, 2 and intervals 3, 3, 4, 2, each smoothed with α = 0.1 from its first value:
        // size 5 → 4.8 → 4.72 → 4.448; interval 3 → 3 → 3.1 → 2.99; rate 4.448 / 2.99.
        var forecast = new CrostonModel(CrostonVariant.Croston).Forecast(new SeriesInput(Demand, 1), 3, [95]).Forecast!;
        forecast.Point.Should().AllSatisfy(p => p.Should().BeApproximately(4.448 / 2.99, 1e-12));
    }

    [Fact]
    public void Croston_matches_R()
    {
        // R 4 forecast package: croston(c(0,0,5,0,0,3,0,0,0,4,0,2), h = 1, alpha = 0.1)$mean (see R/fixtures.R).
        var forecast = new CrostonModel(CrostonVariant.Croston).Forecast(new SeriesInput(Demand, 1), 1, []).Forecast!;
        forecast.Point[0].Should().BeApproximately(RFixtures.Croston, 1e-6);
    }

    [Fact]
    public void Sba_removes_the_bias_by_the_factor_one_minus_half_alpha()
    {
        var croston = new CrostonModel(CrostonVariant.Croston).Forecast(new SeriesInput(Demand, 1), 1, []).Forecast!.Point[0];
        var sba = new CrostonModel(CrostonVariant.Sba).Forecast(new SeriesInput(Demand, 1), 1, []).Forecast!.Point[0];
        sba.Should().BeApproximately(croston * 0.95, 1e-12);
    }

    [Fact]
    public void Tsb_matches_the_hand_computation()
    {
        // Probability starts at 4/12 and is smoothed every period from the first demand (t = 2) with β = 0.1;
        // size starts at 5 and is smoothed on later demands with α = 0.1 → 4.448 as in Croston.
        var p = 4 / 12.0;
        foreach (var d in Demand.Skip(2))
        {
            p += 0.1 * ((d > 0 ? 1 : 0) - p);
        }
        var forecast = new CrostonModel(CrostonVariant.Tsb).Forecast(new SeriesInput(Demand, 1), 1, []).Forecast!;
        forecast.Point[0].Should().BeApproximately(p * 4.448, 1e-12);
    }

    [Fact]
    public void Intervals_are_never_negative()
    {
        var forecast = new CrostonModel(CrostonVariant.Sba).Forecast(new SeriesInput(Demand, 1), 2, [80, 95]).Forecast!;
        forecast.Intervals.Should().AllSatisfy(i => i.Lower.Should().AllSatisfy(l => l.Should().BeGreaterThanOrEqualTo(0)));
        forecast.At(95)!.Upper[0].Should().BeGreaterThan(forecast.Point[0]);
    }

    [Fact]
    public void Cannot_fit_without_demand()
    {
        new CrostonModel(CrostonVariant.Croston).Forecast(new SeriesInput([0, 0, 0, 0], 1), 1, []).CannotFitReason.Should().Be("all zeros");
    }
}
