using GoldAnalytics.Domain.Forecasting.Models;
using GoldAnalytics.Domain.Forecasting.Theta;

namespace GoldAnalytics.Domain.Tests.Forecasting.Theta;

public class ThetaModelTests
{
    [Fact]
    public void Theta_drift_is_half_the_slope_of_the_linear_trend()
    {
        var y = Enumerable.Range(0, 30).Select(t => 10 + 4.0 * t).Zip(SyntheticSeries.Noise(30, 0.01, 6), (a, b) => a + b).ToArray();
        var forecast = new ThetaModel().Forecast(new SeriesInput(y, 1), 4, [95]).Forecast!;
        (forecast.Point[3] - forecast.Point[2]).Should().BeApproximately(2.0, 0.01);
    }

    [Fact]
    public void Theta_reseasonalises_a_seasonal_series()
    {
        var y = SyntheticSeries.Seasonal(60, 12, 1000, 0, 300, 5, seed: 7);
        var forecast = new ThetaModel().Forecast(new SeriesInput(y, 12), 12, [95]).Forecast!;
        var peak = Enumerable.Range(0, 12).MaxBy(h => forecast.Point[h]);
        ((60 + peak) % 12).Should().Be(3, "the sine season peaks at position 3 of 12");
    }
}
