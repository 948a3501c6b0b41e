using GoldAnalytics.Domain.Forecasting.Arima;
using GoldAnalytics.Domain.Forecasting.Models;

namespace GoldAnalytics.Domain.Tests.Forecasting.Arima;

public class ArimaModelTests
{
    [Fact]
    public void Estimation_recovers_the_coefficient_of_a_simulated_AR1()
    {
        var y = SyntheticSeries.Ar1(500, 0.6, 0, 1, seed: 8);
        var fit = ArimaEstimator.Fit(new ArimaOrder(1, 0, 0, 0, 0, 0, 1, true), y)!;
        fit.Phi[0].Should().BeApproximately(0.6, 0.07);
        fit.Sigma2.Should().BeApproximately(1, 0.15);
    }

    [Fact]
    public void Automatic_order_search_finds_no_difference_and_an_autoregressive_term_for_an_AR1()
    {
        var y = SyntheticSeries.Ar1(300, 0.7, 50, 1, seed: 9);
        var fit = ArimaModel.Select(y, 1)!;
        fit.Order.D.Should().Be(0);
        (fit.Order.P + fit.Order.Q).Should().BeGreaterThan(0);
    }

    [Fact]
    public void A_random_walk_is_differenced_once()
    {
        var steps = SyntheticSeries.Noise(200, 1, seed: 10);
        var y = new double[200];
        y[0] = 100;
        for (var t = 1; t < 200; t++)
        {
            y[t] = y[t - 1] + steps[t];
        }
        ArimaModel.Select(y, 1)!.Order.D.Should().Be(1);
    }

    [Fact]
    public void Random_walk_intervals_widen_with_the_square_root_of_the_horizon()
    {
        var y = SyntheticSeries.Noise(100, 1, seed: 27).Select((e, t) => t + e).ToArray();
        var walk = new ArimaModel(new ArimaOrder(0, 1, 0, 0, 0, 0, 1, false));
        var interval = walk.Forecast(new SeriesInput(y, 1), 10, [95]).Forecast!.At(95)!;
        var ratio = (interval.Upper[9] - interval.Lower[9]) / (interval.Upper[0] - interval.Lower[0]);
        ratio.Should().BeApproximately(Math.Sqrt(10), 1e-9);
    }

    [Fact]
    public void Seasonal_random_walk_gets_a_seasonal_difference()
    {
        var y = SyntheticSeries.Seasonal(120, 12, 100, 0.2, 20, 1, seed: 11);
        ArimaModel.Select(y, 12)!.Order.SeasonalD.Should().Be(1);
    }

    [Fact]
    public void Schur_cohn_check_separates_stationary_from_explosive()
    {
        ArimaPolynomials.IsStationary([0.5, 0.3]).Should().BeTrue();
        ArimaPolynomials.IsStationary([1.2]).Should().BeFalse();
        ArimaPolynomials.IsStationary([0.5, 0.6]).Should().BeFalse("φ1 + φ2 ≥ 1 has a root inside the unit circle");
    }

    [Fact]
    public void Cannot_fit_a_constant_series()
    {
        new ArimaModel().Forecast(new SeriesInput([2, 2, 2, 2, 2, 2, 2], 1), 2, [95]).CannotFitReason.Should().Be("constant series");
    }
}
