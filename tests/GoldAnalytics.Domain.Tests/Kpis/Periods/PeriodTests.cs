using GoldAnalytics.Domain.Kpis.Periods;

namespace GoldAnalytics.Domain.Tests.Kpis.Periods;

public sealed class PeriodTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Iso_week_53_of_2026_runs_from_28_december_to_3_january()
    {
        var week = Period.Containing(D(2027, 1, 2), PeriodGrain.Week);

        week.Start.Should().Be(D(2026, 12, 28));
        week.End.Should().Be(D(2027, 1, 3));
        week.Key.Should().Be("2026-W53");
    }

    [Fact]
    public void First_days_of_january_can_belong_to_the_last_week_of_the_previous_iso_year()
    {
        Period.Containing(D(2021, 1, 1), PeriodGrain.Week).Key.Should().Be("2020-W53");
        Period.Containing(D(2024, 12, 30), PeriodGrain.Week).Key.Should().Be("2025-W01");
    }

    [Fact]
    public void Week_53_last_year_is_week_52_when_the_previous_iso_year_has_52_weeks()
    {
        var week53 = Period.IsoWeek(2026, 53);

        var lastYear = week53.SamePeriodLastYear();

        lastYear.Key.Should().Be("2025-W52");
        lastYear.Start.Should().Be(D(2025, 12, 22));
    }

    [Fact]
    public void Same_week_last_year_keeps_the_week_number()
    {
        Period.IsoWeek(2026, 10).SamePeriodLastYear().Key.Should().Be("2025-W10");
    }

    [Fact]
    public void February_of_a_leap_year_has_29_days_and_its_last_year_has_28()
    {
        var february = new DateRange(D(2024, 2, 1), D(2024, 2, 29));

        february.Days.Should().Be(29);
        february.SamePeriodLastYear().Should().Be(new DateRange(D(2023, 2, 1), D(2023, 2, 28)));
        new DateRange(D(2025, 2, 1), D(2025, 2, 28)).SamePeriodLastYear().Should().Be(new DateRange(D(2024, 2, 1), D(2024, 2, 29)));
    }

    [Fact]
    public void Leap_day_last_year_is_28_february()
    {
        new DateRange(D(2024, 2, 29), D(2024, 2, 29)).SamePeriodLastYear().Should().Be(new DateRange(D(2023, 2, 28), D(2023, 2, 28)));
    }

    [Fact]
    public void Previous_period_of_a_calendar_month_is_the_whole_previous_month()
    {
        new DateRange(D(2024, 3, 1), D(2024, 3, 31)).Previous().Should().Be(new DateRange(D(2024, 2, 1), D(2024, 2, 29)));
    }

    [Fact]
    public void Previous_period_of_an_arbitrary_range_is_the_same_number_of_days_before_it()
    {
        new DateRange(D(2024, 3, 5), D(2024, 3, 14)).Previous().Should().Be(new DateRange(D(2024, 2, 24), D(2024, 3, 4)));
    }

    [Fact]
    public void Previous_quarter_and_year_follow_the_calendar()
    {
        new DateRange(D(2024, 1, 1), D(2024, 3, 31)).Previous().Should().Be(new DateRange(D(2023, 10, 1), D(2023, 12, 31)));
        new DateRange(D(2024, 1, 1), D(2024, 12, 31)).Previous().Should().Be(new DateRange(D(2023, 1, 1), D(2023, 12, 31)));
        new DateRange(D(2024, 1, 1), D(2024, 12, 31)).Days.Should().Be(366);
    }

    [Fact]
    public void Covering_lists_every_period_touching_the_range()
    {
        var months = Period.Covering(new DateRange(D(2024, 1, 15), D(2024, 4, 2)), PeriodGrain.Month).Select(p => p.Key);

        months.Should().Equal("2024-01", "2024-02", "2024-03", "2024-04");
    }

    [Fact]
    public void Quarter_keys_name_the_quarter()
    {
        Period.Containing(D(2024, 8, 19), PeriodGrain.Quarter).Should().Be(new Period(PeriodGrain.Quarter, D(2024, 7, 1)));
        Period.Containing(D(2024, 8, 19), PeriodGrain.Quarter).Key.Should().Be("2024-Q3");
    }

    [Fact]
    public void A_range_that_ends_before_it_starts_is_rejected()
    {
        var create = () => new DateRange(D(2024, 2, 2), D(2024, 2, 1));

        create.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Sparklines_are_daily_for_a_month_weekly_for_a_quarter_and_monthly_for_years()
    {
        SparklineGrain.For(new DateRange(D(2024, 1, 1), D(2024, 1, 31))).Should().Be(PeriodGrain.Day);
        SparklineGrain.For(new DateRange(D(2024, 1, 1), D(2024, 3, 31))).Should().Be(PeriodGrain.Week);
        SparklineGrain.For(new DateRange(D(2022, 1, 1), D(2024, 12, 31))).Should().Be(PeriodGrain.Month);
    }
}
