using GoldAnalytics.Domain.Forecasting.Seasonality;

namespace GoldAnalytics.Domain.Tests.Forecasting.Seasonality;

public class SeasonalityAnalysisTests
{
    [Fact]
    public void Strongly_seasonal_series_is_detected_with_its_period()
    {
        var analysis = SeasonalityAnalysis.Of(SyntheticSeries.Seasonal(96, 12, 100, 0, 20, 2, seed: 18), 12);
        analysis.IsSeasonal.Should().BeTrue();
        analysis.SeasonalStrength.Should().BeGreaterThan(0.9);
        analysis.DominantPeriods.Should().Contain(12);
    }

    [Fact]
    public void White_noise_is_not_seasonal_and_has_no_trend()
    {
        var analysis = SeasonalityAnalysis.Of(SyntheticSeries.Noise(96, 1, 19).Select(e => 100 + e).ToArray(), 12);
        analysis.IsSeasonal.Should().BeFalse();
        analysis.SeasonalStrength.Should().BeLessThan(0.5);
        analysis.TrendStrength.Should().BeLessThan(0.5);
    }

    [Fact]
    public void Trending_series_has_strong_trend()
    {
        var analysis = SeasonalityAnalysis.Of(SyntheticSeries.Seasonal(96, 12, 100, 2, 0, 1, seed: 20), 12);
        analysis.TrendStrength.Should().BeGreaterThan(0.9);
    }
}
