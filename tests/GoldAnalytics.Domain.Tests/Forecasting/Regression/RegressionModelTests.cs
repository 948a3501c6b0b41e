using GoldAnalytics.Domain.Forecasting.Models;
using GoldAnalytics.Domain.Forecasting.Regression;

namespace GoldAnalytics.Domain.Tests.Forecasting.Regression;

public class RegressionModelTests
{
    [Fact]
    public void Festival_effect_carries_into_the_forecast()
    {
        // Weekly sales with a yearly season and +50 in Diwali weeks (week 44 of each year, and in the horizon).
        var n = 156;
        var active = Enumerable.Range(0, n + 52).Select(t => t % 52 == 44).ToArray();
        var y = SyntheticSeries.Seasonal(n, 52, 200, 0.2, 20, 2, seed: 15).Select((v, t) => v + (active[t] ? 50 : 0)).ToArray();
        var forecast = new RegressionModel().Forecast(new SeriesInput(y, 52, [new Festival("Diwali", active)]), 52, [95]).Forecast!;
        var diwali = forecast.Point[44];
        var neighbours = (forecast.Point[43] + forecast.Point[45]) / 2;
        (diwali - neighbours).Should().BeApproximately(50, 6);
    }

    [Fact]
    public void Recovers_trend_and_season()
    {
        var y = SyntheticSeries.Seasonal(48, 12, 50, 1, 8, 0.1, seed: 16);
        var forecast = new RegressionModel().Forecast(new SeriesInput(y, 12), 12, [80, 95]).Forecast!;
        var truth = Enumerable.Range(48, 12).Select(t => 50 + t + 8 * Math.Sin(2 * Math.PI * t / 12));
        forecast.Point.Zip(truth, (f, a) => Math.Abs(f - a)).Max().Should().BeLessThan(0.5);
        forecast.At(95)!.Upper[11].Should().BeGreaterThan(forecast.At(80)!.Upper[11]);
    }

    [Fact]
    public void Cannot_fit_when_the_festival_calendar_does_not_cover_the_horizon()
    {
        var y = SyntheticSeries.Seasonal(30, 1, 10, 1, 0, 1, seed: 17);
        var festival = new Festival("Eid", [.. Enumerable.Range(0, 30).Select(t => t % 7 == 0)]);
        new RegressionModel().Forecast(new SeriesInput(y, 1, [festival]), 5, []).CannotFitReason.Should().Contain("horizon");
    }
}
