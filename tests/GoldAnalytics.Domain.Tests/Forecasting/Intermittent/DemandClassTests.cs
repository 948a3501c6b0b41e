using GoldAnalytics.Domain.Forecasting.Intermittent;

namespace GoldAnalytics.Domain.Tests.Forecasting.Intermittent;

public class DemandClassTests
{
    [Theory]
    [InlineData(new double[] { 10, 11, 9, 10, 12, 10 }, DemandPattern.Smooth)]
    [InlineData(new double[] { 1, 30, 2, 25, 1, 40 }, DemandPattern.Erratic)]
    [InlineData(new double[] { 0, 5, 0, 0, 5, 0, 6, 0 }, DemandPattern.Intermittent)]
    [InlineData(new double[] { 0, 1, 0, 0, 40, 0, 2, 0 }, DemandPattern.Lumpy)]
    [InlineData(new double[] { 0, 0, 0 }, DemandPattern.NoDemand)]
    public void Classifies_by_average_demand_interval_and_squared_coefficient_of_variation(double[] demand, DemandPattern expected)
    {
        DemandClass.Of(demand).Pattern.Should().Be(expected);
    }

    [Fact]
    public void Average_demand_interval_is_periods_per_demand()
    {
        DemandClass.Of([0, 5, 0, 0, 5, 0, 6, 0]).AverageDemandInterval.Should().BeApproximately(8 / 3.0, 1e-12);
    }
}
