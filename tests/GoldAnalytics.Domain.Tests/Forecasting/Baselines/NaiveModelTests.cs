using GoldAnalytics.Domain.Forecasting.Baselines;
using GoldAnalytics.Domain.Forecasting.Models;

namespace GoldAnalytics.Domain.Tests.Forecasting.Baselines;

public class NaiveModelTests
{
    private static readonly double[] Levels = [80, 95];

    [Fact]
    public void Seasonal_naive_repeats_the_last_season()
    {
        var y = new double[] { 1, 2, 3, 4, 10, 20, 30, 40 };
        var forecast = NaiveModel.Seasonal.Forecast(new SeriesInput(y, 4), 6, Levels).Forecast!;
        forecast.Point.Should().Equal(10, 20, 30, 40, 10, 20);
    }

    [Fact]
    public void Naive_repeats_the_last_value_and_its_intervals_widen_with_the_square_root_of_the_horizon()
    {
        var y = new double[] { 5, 7, 6, 8, 7, 9 };
        var forecast = NaiveModel.Naive.Forecast(new SeriesInput(y, 1), 4, Levels).Forecast!;
        forecast.Point.Should().AllSatisfy(p => p.Should().Be(9));
        var width = forecast.At(95)!.Upper.Zip(forecast.At(95)!.Lower, (u, l) => u - l).ToArray();
        (width[3] / width[0]).Should().BeApproximately(2, 1e-9);
        forecast.At(80)!.Upper[0].Should().BeLessThan(forecast.At(95)!.Upper[0]);
    }

    [Fact]
    public void Seasonal_naive_cannot_fit_a_series_shorter_than_its_season()
    {
        var outcome = NaiveModel.Seasonal.Forecast(new SeriesInput([1, 2, 3], 12), 3, Levels);
        outcome.Fitted.Should().BeFalse();
        outcome.CannotFitReason.Should().Contain("too short");
    }
}
