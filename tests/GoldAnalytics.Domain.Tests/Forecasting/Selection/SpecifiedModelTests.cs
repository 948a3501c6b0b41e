using GoldAnalytics.Domain.Forecasting.Arima;
using GoldAnalytics.Domain.Forecasting.Decomposition;
using GoldAnalytics.Domain.Forecasting.ExponentialSmoothing;
using GoldAnalytics.Domain.Forecasting.Models;

namespace GoldAnalytics.Domain.Tests.Forecasting.Selection;

/// <summary>
/// A specified model keeps the fit it chose: forecasting the same history must give exactly what a fresh estimate of
/// that specification gives, and a shorter history (a back-test origin) must get a fresh estimate, not the kept fit.
/// </summary>
public class SpecifiedModelTests
{
    private static readonly double[] Levels = [80, 95];

    private static SeriesInput Weekly(int seed) =>
        new(SyntheticSeries.Seasonal(156, 52, 40, 0.05, 8, 3, seed), 52);

    [Fact]
    public void Specified_ets_forecasts_the_same_history_exactly_as_a_fresh_estimate_of_its_form()
    {
        var series = new SeriesInput(SyntheticSeries.Seasonal(120, 1, 80, 0.3, 0, 4, seed: 41), 1);
        var specified = new EtsModel().Specify(series)!;
        var reused = specified.Forecast(series, 13, Levels).Forecast!;
        var fresh = new EtsModel(EtsForm.Parse(specified.Name)).Forecast(series, 13, Levels).Forecast!;
        reused.Point.Should().Equal(fresh.Point);
        reused.At(95)!.Upper.Should().Equal(fresh.At(95)!.Upper);
    }

    [Fact]
    public void Specified_arima_forecasts_the_same_history_exactly_as_a_fresh_estimate_of_its_order()
    {
        var series = new SeriesInput(SyntheticSeries.Ar1(150, 0.7, 50, 2, seed: 42), 1);
        var specified = new ArimaModel().Specify(series)!;
        var order = ArimaModel.Select(series.ToArray(), 1)!.Order;
        var reused = specified.Forecast(series, 10, Levels).Forecast!;
        var fresh = new ArimaModel(order).Forecast(series, 10, Levels).Forecast!;
        reused.Point.Should().Equal(fresh.Point);
    }

    [Theory]
    [InlineData(43)]
    [InlineData(44)]
    public void Arima_estimates_at_a_back_test_origin_are_fresh_estimates_of_the_specified_order(int seed)
    {
        var series = Weekly(seed);
        var origin = new SeriesInput(series.Values.Take(143).ToArray(), 52);
        var specified = ((ISpecifiable)new StlModel(new ArimaModel())).Specify(series)!;
        var atOrigin = specified.Forecast(origin, 13, []).Forecast!;
        var order = ArimaModel.Select(StlAdjusted(series), 1)!.Order;
        var fresh = new StlModel(new ArimaModel(order)).Forecast(origin, 13, []).Forecast!;
        atOrigin.Point.Should().Equal(fresh.Point);
    }

    [Fact]
    public void Ets_estimates_at_a_back_test_origin_are_fresh_estimates_of_the_specified_form()
    {
        var series = Weekly(47);
        var origin = new SeriesInput(series.Values.Take(143).ToArray(), 52);
        var specified = ((ISpecifiable)new StlModel(new EtsModel())).Specify(series)!;
        var atOrigin = specified.Forecast(origin, 13, []).Forecast!;
        var fresh = new StlModel(new EtsModel(EtsForm.Parse(specified.Name["STL-".Length..]))).Forecast(origin, 13, []).Forecast!;
        atOrigin.Point.Should().Equal(fresh.Point);
    }

    [Fact]
    public void A_specified_model_does_not_reuse_its_fit_for_a_different_history_of_the_same_length()
    {
        var series = new SeriesInput(SyntheticSeries.Seasonal(120, 1, 80, 0.3, 0, 4, seed: 46), 1);
        var other = new SeriesInput([.. series.Values.Select(v => v + 25)], 1);
        var specified = new EtsModel().Specify(series)!;
        var forecast = specified.Forecast(other, 5, []).Forecast!;
        var fresh = new EtsModel(EtsForm.Parse(specified.Name)).Forecast(other, 5, []).Forecast!;
        forecast.Point[0].Should().BeApproximately(fresh.Point[0], 0.02 * 105);
        forecast.Point[0].Should().BeGreaterThan(series.Values.TakeLast(10).Average() + 15, "the level of the other history, not the specified one");
    }

    private static double[] StlAdjusted(SeriesInput series)
    {
        var y = series.ToArray();
        var stl = Stl.Decompose(y, series.SeasonalPeriod);
        return [.. y.Select((v, t) => v - stl.Seasonal[t])];
    }
}
