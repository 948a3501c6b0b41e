using GoldAnalytics.Domain.Forecasting.Baselines;
using GoldAnalytics.Domain.Forecasting.Combination;
using GoldAnalytics.Domain.Forecasting.Decomposition;
using GoldAnalytics.Domain.Forecasting.Models;
using GoldAnalytics.Domain.Forecasting.Selection;
using GoldAnalytics.Domain.Forecasting.Theta;

namespace GoldAnalytics.Domain.Tests.Forecasting.Combination;

public class CombinationModelTests
{
    [Fact]
    public void Combination_is_the_mean_of_its_members()
    {
        var y = new double[] { 1, 2, 3, 4, 5, 6, 7, 8 };
        var combination = new CombinationModel("Mean", [NaiveModel.Naive, NaiveModel.Seasonal]);
        var forecast = combination.Forecast(new SeriesInput(y, 4), 2, [95]).Forecast!;
        forecast.Point.Should().Equal((8 + 5) / 2.0, (8 + 6) / 2.0);
    }

    [Fact]
    public void Combination_needs_two_members_that_fit()
    {
        var combination = new CombinationModel("Mean", [NaiveModel.Naive, NaiveModel.Seasonal]);
        combination.Forecast(new SeriesInput([1, 2, 3], 12), 2, []).CannotFitReason.Should().Contain("SeasonalNaive");
    }

    [Fact]
    public void Stl_forecasting_adds_the_last_season_back()
    {
        var y = SyntheticSeries.Seasonal(156, 52, 100, 0, 20, 0.5, seed: 29);
        var forecast = new StlModel(new ThetaModel()).Forecast(new SeriesInput(y, 52), 52, [80]).Forecast!;
        var truth = Enumerable.Range(156, 52).Select(t => 100 + 20 * Math.Sin(2 * Math.PI * t / 52));
        forecast.Point.Zip(truth, (f, a) => Math.Abs(f - a)).Average().Should().BeLessThan(2.5);
    }

    [Fact]
    public void Back_test_cuts_step_back_from_the_end_and_respect_the_minimum_history()
    {
        new Backtest(Origins: 2).Cuts(100, 12, 1).Should().Equal(88, 82);
        new Backtest(Origins: 2).Cuts(30, 12, 12).Should().BeEmpty("two seasons and two more are needed before the first cut");
    }
}
