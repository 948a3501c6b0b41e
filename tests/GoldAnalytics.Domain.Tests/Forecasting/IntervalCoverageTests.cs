using GoldAnalytics.Domain.Forecasting.Arima;
using GoldAnalytics.Domain.Forecasting.ExponentialSmoothing;
using GoldAnalytics.Domain.Forecasting.Models;

namespace GoldAnalytics.Domain.Tests.Forecasting;

public class IntervalCoverageTests
{
    // 300 simulated series per model; each contributes whether its next value falls inside the 95% interval.
    private const int Trials = 300;

    [Fact]
    public void Ets_95_percent_intervals_cover_about_95_percent_of_outcomes_of_a_local_level_process()
    {
        var covered = 0;
        for (var trial = 0; trial < Trials; trial++)
        {
            var e = SyntheticSeries.Noise(81, 2, seed: 1000 + trial);
            var y = new double[81];
            var level = 50.0;
            for (var t = 0; t < 81; t++)
            {
                y[t] = level + e[t];
                level += 0.3 * e[t];
            }
            var interval = new EtsModel(EtsForm.Parse("ETS(A,N,N)")).Forecast(new SeriesInput(y[..80], 1), 1, [95]).Forecast!.At(95)!;
            covered += y[80] >= interval.Lower[0] && y[80] <= interval.Upper[0] ? 1 : 0;
        }
        ((double)covered / Trials).Should().BeInRange(0.91, 0.99);
    }

    [Fact]
    public void Arima_95_percent_intervals_cover_about_95_percent_of_outcomes_of_an_AR1_process()
    {
        var covered = 0;
        var order = new ArimaOrder(1, 0, 0, 0, 0, 0, 1, true);
        for (var trial = 0; trial < Trials; trial++)
        {
            var y = SyntheticSeries.Ar1(101, 0.5, 20, 1, seed: 5000 + trial);
            var interval = new ArimaModel(order).Forecast(new SeriesInput(y[..100], 1), 1, [95]).Forecast!.At(95)!;
            covered += y[100] >= interval.Lower[0] && y[100] <= interval.Upper[0] ? 1 : 0;
        }
        ((double)covered / Trials).Should().BeInRange(0.91, 0.99);
    }
}
