using GoldAnalytics.Domain.Forecasting.Arima;
using GoldAnalytics.Domain.Forecasting.ExponentialSmoothing;
using GoldAnalytics.Domain.Forecasting.Models;
using GoldAnalytics.Domain.Forecasting.Theta;
using GoldAnalytics.Domain.Tests.Forecasting.M3;

namespace GoldAnalytics.Domain.Tests.Forecasting;

/// <summary>Cross-checks against R's forecast package on M3 series (expected values in RFixtures, computed by R).</summary>
public class RReferenceTests
{
    public static TheoryData<string> Ids => [.. RFixtures.M3.Select(s => s.Id)];

    private static (RFixtures.Series Expected, SeriesInput Input) Case(string id)
    {
        var expected = RFixtures.M3.Single(s => s.Id == id);
        var series = Subset.Value.Single(s => s.Id == id);
        return (expected, new SeriesInput(series.Train, series.Frequency));
    }

    private static readonly Lazy<IReadOnlyList<M3Series>> Subset = new(() => M3Subset.Load(3003));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Theta_matches_R_thetaf_within_half_a_percent(string id)
    {
        var (expected, input) = Case(id);
        var forecast = new ThetaModel().Forecast(input, expected.Horizon, []).Forecast!;
        for (var h = 0; h < expected.Horizon; h++)
        {
            forecast.Point[h].Should().BeApproximately(expected.Theta[h], 0.005 * Math.Abs(expected.Theta[h]), $"step {h + 1}");
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Kpss_statistic_matches_R_urca(string id)
    {
        var (expected, input) = Case(id);
        KpssTest.Statistic(input.ToArray()).Should().BeApproximately(expected.Kpss, 1e-6);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Ets_forecasts_with_Rs_chosen_form_are_close_to_R(string id)
    {
        var (expected, input) = Case(id);
        var forecast = new EtsModel(EtsForm.Parse(expected.EtsForm)).Forecast(input, expected.Horizon, []).Forecast!;
        // Parameters come from a different optimiser run: forecasts agree within 3% of the level, not to the digit.
        var scale = expected.Ets.Average(Math.Abs);
        for (var h = 0; h < expected.Horizon; h++)
        {
            forecast.Point[h].Should().BeApproximately(expected.Ets[h], 0.03 * scale, $"step {h + 1}");
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Arima_differencing_matches_R_auto_arima(string id)
    {
        var (expected, input) = Case(id);
        var order = ArimaModel.Select(input.ToArray(), input.SeasonalPeriod)!.Order;
        order.D.Should().Be(expected.ArimaOrder[1], "first differences");
        (expected.ArimaOrder.Length > 3 ? expected.ArimaOrder[4] : 0).Should().Be(order.SeasonalD, "seasonal differences");
    }
}
