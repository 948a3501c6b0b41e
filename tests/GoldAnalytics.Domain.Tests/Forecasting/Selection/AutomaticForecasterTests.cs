using GoldAnalytics.Domain.Forecasting.Intermittent;
using GoldAnalytics.Domain.Forecasting.Selection;

namespace GoldAnalytics.Domain.Tests.Forecasting.Selection;

public class AutomaticForecasterTests
{
    private static readonly AutomaticForecaster Forecaster = new();

    [Fact]
    public void Seasonal_series_gets_a_model_with_back_test_accuracy_runners_up_and_intervals()
    {
        var y = SyntheticSeries.Seasonal(72, 12, 100, 0.5, 25, 3, seed: 24);
        var result = Forecaster.Forecast(new ForecastRequest(y, 12, 12));
        result.Point.Should().HaveCount(12);
        result.Intervals.Select(i => i.Level).Should().Equal(80, 95);
        result.Accuracy.Should().NotBeNull();
        result.Accuracy!.Mase.Should().BeLessThan(1, "a seasonal model beats the seasonal naive scale on a clean season");
        result.RunnersUp.Should().NotBeEmpty().And.OnlyContain(r => r.Model != result.Model);
        result.Seasonality.IsSeasonal.Should().BeTrue();
        result.Demand.Pattern.Should().Be(DemandPattern.Smooth);
    }

    [Fact]
    public void Back_test_errors_of_the_chosen_model_size_the_safety_stock()
    {
        var y = SyntheticSeries.Seasonal(104, 52, 40, 0, 8, 4, seed: 28);
        var result = Forecaster.Forecast(new ForecastRequest(y, 52, 4));
        result.BacktestErrors.Should().HaveCount(result.Accuracy!.Origins * 4);
        var demand = GoldAnalytics.Domain.Stock.Policy.DemandProfile.FromForecastErrors(result.Point[0], result.BacktestErrors);
        demand.StandardDeviationPerPeriod.Should().BeInRange(1, 15, "the noise has σ = 4 and the errors measure it");
    }

    [Fact]
    public void Intermittent_demand_is_routed_to_croston_type_candidates()
    {
        var random = new Random(25);
        var y = Enumerable.Range(0, 60).Select(_ => random.NextDouble() < 0.3 ? (double)random.Next(1, 4) : 0).ToArray();
        var result = Forecaster.Forecast(new ForecastRequest(y, 12, 6));
        result.Demand.IsIntermittent.Should().BeTrue();
        new[] { result.Model }.Concat(result.RunnersUp.Select(r => r.Model)).Should().Contain(["Croston", "SBA", "TSB"]);
        result.Point.Should().OnlyContain(p => p >= 0);
    }

    [Fact]
    public void Weekly_series_with_a_52_week_season_uses_the_long_season_candidates()
    {
        var y = SyntheticSeries.Seasonal(156, 52, 80, 0.1, 15, 3, seed: 26);
        var result = Forecaster.Forecast(new ForecastRequest(y, 52, 13));
        new[] { result.Model }.Concat(result.RunnersUp.Select(r => r.Model)).Should().Contain("STL-Combination").And.NotContain("ETS");
        result.Point.Should().HaveCount(13);
    }

    [Fact]
    public void Constant_history_is_forecast_as_itself()
    {
        var result = Forecaster.Forecast(new ForecastRequest([7, 7, 7, 7, 7], 1, 3));
        result.Point.Should().Equal(7, 7, 7);
        result.Notes.Should().ContainMatch("*constant*");
    }
}
