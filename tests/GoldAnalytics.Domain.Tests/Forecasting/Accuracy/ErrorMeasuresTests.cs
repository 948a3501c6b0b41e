using GoldAnalytics.Domain.Forecasting.Accuracy;

namespace GoldAnalytics.Domain.Tests.Forecasting.Accuracy;

public class ErrorMeasuresTests
{
    [Fact]
    public void Smape_follows_the_M3_definition()
    {
        // 200·|100−110|/(100+110) = 9.5238…, 200·|50−40|/(50+40) = 22.222…
        ErrorMeasures.Smape([100, 50], [110, 40]).Should().BeApproximately((2000.0 / 210 + 2000.0 / 90) / 2, 1e-12);
    }

    [Fact]
    public void Mase_divides_by_the_in_sample_seasonal_naive_error()
    {
        var history = new double[] { 1, 2, 3, 4, 2, 3, 4, 5 };
        // Seasonal naive (m = 4) in-sample errors are all 1, so MASE equals the MAE of the forecast.
        ErrorMeasures.Mase(history, 4, [3, 4], [2, 6]).Should().BeApproximately(1.5, 1e-12);
    }
}
