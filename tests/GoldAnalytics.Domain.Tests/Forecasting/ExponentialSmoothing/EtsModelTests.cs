using GoldAnalytics.Domain.Forecasting.ExponentialSmoothing;
using GoldAnalytics.Domain.Forecasting.Models;

namespace GoldAnalytics.Domain.Tests.Forecasting.ExponentialSmoothing;

public class EtsModelTests
{
    private static readonly double[] Levels = [80, 95];
    private static readonly EtsForm Ses = EtsForm.Parse("ETS(A,N,N)");
    private static readonly EtsForm Holt = EtsForm.Parse("ETS(A,A,N)");

    [Fact]
    public void Simple_smoothing_of_a_level_with_small_noise_forecasts_that_level()
    {
        var y = SyntheticSeries.Noise(60, 0.5, seed: 1).Select(e => 100 + e).ToArray();
        var forecast = new EtsModel(Ses).Forecast(new SeriesInput(y, 1), 5, Levels).Forecast!;
        forecast.Point.Should().AllSatisfy(p => p.Should().BeApproximately(100, 0.5));
        forecast.Point.Distinct().Should().HaveCount(1, "simple exponential smoothing forecasts are flat");
    }

    [Fact]
    public void Holt_on_a_linear_series_recovers_the_slope()
    {
        var y = Enumerable.Range(0, 40).Select(t => 50 + 2.5 * t).ToArray();
        y = [.. y.Zip(SyntheticSeries.Noise(40, 0.01, seed: 2), (a, b) => a + b)];
        var forecast = new EtsModel(Holt).Forecast(new SeriesInput(y, 1), 3, Levels).Forecast!;
        (forecast.Point[1] - forecast.Point[0]).Should().BeApproximately(2.5, 0.01);
        forecast.Point[0].Should().BeApproximately(50 + 2.5 * 40, 0.1);
    }

    [Fact]
    public void Holt_winters_follows_an_additive_season()
    {
        var y = SyntheticSeries.Seasonal(72, 12, 200, 0.5, 30, 1, seed: 3);
        var forecast = new EtsModel(EtsForm.Parse("ETS(A,A,A)")).Forecast(new SeriesInput(y, 12), 12, Levels).Forecast!;
        var truth = Enumerable.Range(72, 12).Select(t => 200 + 0.5 * t + 30 * Math.Sin(2 * Math.PI * t / 12)).ToArray();
        forecast.Point.Zip(truth, (f, a) => Math.Abs(f - a)).Max().Should().BeLessThan(4);
    }

    [Fact]
    public void Prediction_intervals_widen_with_the_horizon_for_additive_and_multiplicative_forms()
    {
        var y = SyntheticSeries.Seasonal(60, 4, 500, 2, 40, 8, seed: 4);
        foreach (var name in new[] { "ETS(A,Ad,N)", "ETS(M,A,M)" })
        {
            var forecast = new EtsModel(EtsForm.Parse(name)).Forecast(new SeriesInput(y, 4), 12, Levels).Forecast!;
            var width = forecast.At(95)!.Upper.Zip(forecast.At(95)!.Lower, (u, l) => u - l).ToArray();
            width[11].Should().BeGreaterThan(width[0], name);
            forecast.At(80)!.Upper.Zip(forecast.At(95)!.Upper, (a, b) => a < b).Should().AllBeEquivalentTo(true, name);
        }
    }

    [Fact]
    public void Automatic_choice_picks_a_seasonal_form_for_a_strongly_seasonal_series()
    {
        var y = SyntheticSeries.Seasonal(96, 12, 300, 0, 60, 3, seed: 5);
        var fit = new EtsModel().Select(new SeriesInput(y, 12))!;
        fit.Form.HasSeason.Should().BeTrue();
    }

    [Theory]
    [InlineData(new double[] { 4, 4, 4, 4, 4, 4, 4, 4 }, "constant")]
    [InlineData(new double[] { 0, 0, 0, 0, 0, 0 }, "all zeros")]
    [InlineData(new double[] { 3, 5 }, "too short")]
    public void Cannot_fit_degenerate_series(double[] y, string reason)
    {
        var outcome = new EtsModel().Forecast(new SeriesInput(y, 1), 3, Levels);
        outcome.Fitted.Should().BeFalse();
        outcome.CannotFitReason.Should().Contain(reason);
    }
}
