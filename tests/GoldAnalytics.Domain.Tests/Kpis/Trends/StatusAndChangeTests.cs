using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Trends;

namespace GoldAnalytics.Domain.Tests.Kpis.Trends;

public sealed class StatusAndChangeTests
{
    private static readonly StatusThresholds Thresholds = StatusThresholds.Default;
    private static readonly Measure None = Measure.Undefined("none");

    [Theory]
    [InlineData(1.05, KpiStatus.Success)]
    [InlineData(1.00, KpiStatus.Success)]
    [InlineData(0.95, KpiStatus.Warning)]
    [InlineData(0.90, KpiStatus.Warning)]
    [InlineData(0.89, KpiStatus.Danger)]
    public void Achievement_sets_the_status_of_a_kpi_with_a_target(double achievement, KpiStatus expected)
    {
        Thresholds.Evaluate(Polarity.HigherIsBetter, Measure.Of((decimal)achievement), None).Should().Be(expected);
    }

    [Theory]
    [InlineData(0.02, KpiStatus.Success)]
    [InlineData(-0.05, KpiStatus.Warning)]
    [InlineData(-0.15, KpiStatus.Danger)]
    public void Without_a_target_the_change_against_the_previous_period_sets_the_status(double change, KpiStatus expected)
    {
        Thresholds.Evaluate(Polarity.HigherIsBetter, None, Measure.Of((decimal)change)).Should().Be(expected);
    }

    [Fact]
    public void A_rise_is_bad_news_for_a_kpi_where_lower_is_better()
    {
        Thresholds.Evaluate(Polarity.LowerIsBetter, None, Measure.Of(0.15m)).Should().Be(KpiStatus.Danger);
        Thresholds.Evaluate(Polarity.LowerIsBetter, None, Measure.Of(-0.15m)).Should().Be(KpiStatus.Success);
    }

    [Fact]
    public void Thresholds_are_configurable()
    {
        var strict = new StatusThresholds(SuccessAchievement: 1.10m, WarningAchievement: 1.00m);

        strict.Evaluate(Polarity.HigherIsBetter, Measure.Of(1.05m), None).Should().Be(KpiStatus.Warning);
    }

    [Fact]
    public void Neutral_kpis_and_kpis_without_comparison_are_info()
    {
        Thresholds.Evaluate(Polarity.Neutral, Measure.Of(2m), Measure.Of(1m)).Should().Be(KpiStatus.Info);
        Thresholds.Evaluate(Polarity.HigherIsBetter, None, None).Should().Be(KpiStatus.Info);
    }

    [Fact]
    public void Percent_change_is_relative_to_the_earlier_value_and_undefined_from_zero()
    {
        Change.Percent(Measure.Of(120m), Measure.Of(100m)).Value.Should().Be(0.2m);
        Change.Percent(Measure.Of(-50m), Measure.Of(-100m)).Value.Should().Be(0.5m);
        Change.Percent(Measure.Of(120m), Measure.Of(0m)).NullReason.Should().Be("the comparison value is zero");
        Change.Of(Measure.Of(120m), Measure.Of(100m)).Should().Be(Direction.Up);
        Change.Of(Measure.Of(100m), Measure.Of(100m)).Should().Be(Direction.Flat);
        Change.Of(Measure.Of(100m), None).Should().Be(Direction.Unknown);
    }
}
