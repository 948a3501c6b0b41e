using GoldAnalytics.Domain.Forecasting.Accuracy;
using GoldAnalytics.Domain.Forecasting.Models;
using GoldAnalytics.Domain.Forecasting.Regression;

namespace GoldAnalytics.Domain.Tests.Forecasting.Regression;

public class FestivalRegressionTests
{
    private const int Weeks = 156;
    private const int Horizon = 52;

    // A festival that moves about 11 days earlier every year (as Eid does), so it falls in a different week each year.
    private static readonly bool[] MovingFestival = [.. Enumerable.Range(0, Weeks + Horizon).Select(t => t == 30 || t == 80 || t == 131 || t == 181)];

    private static double[] Sales(bool[] festival, double lift, int seed) =>
        [.. SyntheticSeries.Seasonal(Weeks + Horizon, 52, 100, 0.1, 15, 4, seed).Select((v, t) => v + (festival[t] ? lift : 0))];

    [Fact]
    public void A_moving_festival_is_forecast_better_with_its_dummy_than_by_the_season_alone()
    {
        var sales = Sales(MovingFestival, 60, seed: 41);
        var history = sales[..Weeks];
        var actual = sales[Weeks..];

        var with = new RegressionModel().Forecast(new SeriesInput(history, 52, [new Festival("Eid al-Fitr", MovingFestival)]), Horizon, []).Forecast!;
        var without = new RegressionModel().Forecast(new SeriesInput(history, 52), Horizon, []).Forecast!;

        var maseWith = ErrorMeasures.Mase(history, 52, actual, with.Point);
        var maseWithout = ErrorMeasures.Mase(history, 52, actual, without.Point);
        maseWith.Should().BeLessThan(0.8 * maseWithout);
        (with.Point[181 - Weeks] - with.Point[180 - Weeks]).Should().BeApproximately(60, 12, "the festival week of the horizon carries the lift");
    }

    [Fact]
    public void Festivals_that_always_share_a_week_in_the_history_become_one_regressor()
    {
        // Dhanteras and Diwali in the same weeks of the history; in the horizon only Dhanteras is marked.
        var diwali = MovingFestival.Select((a, t) => a && t < Weeks).ToArray();
        var sales = Sales(MovingFestival, 60, seed: 42);

        var outcome = new RegressionModel().Forecast(
            new SeriesInput(sales[..Weeks], 52, [new Festival("Dhanteras", MovingFestival), new Festival("Diwali", diwali)]), Horizon, [80]);

        outcome.Fitted.Should().BeTrue(outcome.CannotFitReason);
        outcome.Forecast!.Model.Should().EndWith("; Dhanteras + Diwali)");
        (outcome.Forecast.Point[181 - Weeks] - outcome.Forecast.Point[180 - Weeks]).Should().BeApproximately(60, 12);
    }

    [Fact]
    public void A_festival_absent_from_the_history_is_not_a_regressor()
    {
        var future = Enumerable.Range(0, Weeks + Horizon).Select(t => t == Weeks + 3).ToArray();
        var sales = Sales(MovingFestival, 0, seed: 43);

        var forecast = new RegressionModel().Forecast(new SeriesInput(sales[..Weeks], 52, [new Festival("New festival", future)]), Horizon, []).Forecast!;

        forecast.Model.Should().NotContain("New festival");
        forecast.Model.Should().StartWith("Regression(K=");
    }

    [Fact]
    public void A_festival_that_does_not_move_sales_is_left_out_by_the_aicc()
    {
        var sales = Sales(MovingFestival, 60, seed: 44);
        var quiet = Enumerable.Range(0, Weeks + Horizon).Select(t => t % 52 == 10).ToArray();

        var forecast = new RegressionModel().Forecast(
            new SeriesInput(sales[..Weeks], 52, [new Festival("Eid al-Fitr", MovingFestival), new Festival("Quiet holiday", quiet)]), Horizon, []).Forecast!;

        forecast.Model.Should().EndWith("; Eid al-Fitr)");
    }
}
