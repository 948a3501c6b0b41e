using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Financial;
using GoldAnalytics.Domain.Kpis.Periods;
using GoldAnalytics.Domain.Kpis.Trends;

namespace GoldAnalytics.Domain.Tests.Kpis;

public sealed class KpiCardTests
{
    private static readonly KpiDefinition<SalesTotals> Revenue = FinancialKpis.All.Single(k => k.Code == "revenue");
    private static readonly KpiDefinition<SalesTotals> Margin = FinancialKpis.All.Single(k => k.Code == "gross_margin");

    private static SalesTotals Sale(decimal gross, decimal cost) => SalesTotals.Empty with { GrossSales = gross, Cost = cost, Transactions = 1, Units = 1 };

    private static KpiInputs<SalesTotals> Inputs(DateRange range, Dictionary<DateOnly, SalesTotals> days)
    {
        var series = new DailySeries<SalesTotals>(days, SalesTotals.Empty, (a, b) => a + b);
        return new(series, range, series.Total(range), series.Total(range.Previous()), series.Total(range.SamePeriodLastYear()));
    }

    [Fact]
    public void Revenue_card_compares_with_the_previous_month_and_last_year_and_reaches_its_target()
    {
        var march = new DateRange(new(2024, 3, 1), new(2024, 3, 31));
        var days = march.EachDay().ToDictionary(d => d, d => Sale(100m + d.Day, 50m));
        days[new(2024, 2, 10)] = Sale(2_000m, 1_000m);
        days[new(2023, 3, 15)] = Sale(4_000m, 1_000m);

        var card = KpiCard.Build(Revenue, Inputs(march, days), target: 3_500m, StatusThresholds.Default);

        // Σ (100 + d) for d = 1..31 = 3100 + 496.
        card.Value.Should().Be(3_596m);
        card.Previous.Should().Be(2_000m);
        card.SamePeriodLastYear.Should().Be(4_000m);
        card.ChangeVsPrevious.Should().Be(0.798m);
        card.ChangeVsLastYear.Should().Be(-0.101m);
        card.Achievement.Should().Be(3_596m / 3_500m);
        card.Status.Should().Be(KpiStatus.Success);
        card.Direction.Should().Be(Direction.Up);
        card.Trend.Significant.Should().BeTrue();
        card.Trend.Direction.Should().Be(Direction.Up);
        card.Trend.Points.Should().Be(31);
        card.Sparkline.Should().HaveCount(31);
        card.Sparkline[0].Value.Should().Be(101m);
    }

    [Fact]
    public void A_branch_with_no_sales_has_zero_revenue_and_a_margin_with_a_reason()
    {
        var week = new DateRange(new(2024, 3, 4), new(2024, 3, 10));

        var revenue = KpiCard.Build(Revenue, Inputs(week, []), null, StatusThresholds.Default);
        var margin = KpiCard.Build(Margin, Inputs(week, []), null, StatusThresholds.Default);

        revenue.Value.Should().Be(0m);
        revenue.Status.Should().Be(KpiStatus.Info);
        revenue.Trend.Reason.Should().Contain("fewer than 8 days");
        margin.Value.Should().BeNull();
        margin.NullReason.Should().Be("no sales in the range");
        margin.Trend.Points.Should().Be(0);
        margin.Sparkline.Should().OnlyContain(p => p.Value == null);
    }

    [Fact]
    public void Sparkline_buckets_are_clipped_to_the_range()
    {
        var range = new DateRange(new(2024, 1, 15), new(2024, 12, 31));
        var days = range.EachDay().ToDictionary(d => d, _ => Sale(10m, 5m));

        var card = KpiCard.Build(Revenue, Inputs(range, days), null, StatusThresholds.Default);

        card.Sparkline.Should().HaveCount(12);
        card.Sparkline[0].Value.Should().Be(170m); // 17 days of January
        card.Sparkline[1].Value.Should().Be(290m); // 29 days of a leap February
        card.Trend.Significant.Should().BeFalse();
        card.Trend.Direction.Should().Be(Direction.Flat);
    }
}
