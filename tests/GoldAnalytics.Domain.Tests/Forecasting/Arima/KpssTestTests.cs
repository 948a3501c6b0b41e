using GoldAnalytics.Domain.Forecasting.Arima;

namespace GoldAnalytics.Domain.Tests.Forecasting.Arima;

public class KpssTestTests
{
    [Fact]
    public void Statistic_of_a_short_series_matches_the_hand_computation()
    {
        // y = 1..4, mean 2.5: residuals −1.5, −0.5, 0.5, 1.5; partial sums −1.5, −2, −1.5, 0 → Σ S² = 8.5;
        // with no lags the long-run variance is Σe²/n = 5/4; η = 8.5 / (16 · 1.25) = 0.425.
        KpssTest.Statistic([1, 2, 3, 4], lags: 0).Should().BeApproximately(0.425, 1e-12);
    }

    [Fact]
    public void Trending_series_needs_a_difference_and_white_noise_does_not()
    {
        KpssTest.Differences([.. Enumerable.Range(0, 100).Select(t => t + SyntheticSeries.Noise(100, 1, 12)[t])]).Should().Be(1);
        KpssTest.Differences(SyntheticSeries.Noise(100, 1, 13)).Should().Be(0);
    }
}
