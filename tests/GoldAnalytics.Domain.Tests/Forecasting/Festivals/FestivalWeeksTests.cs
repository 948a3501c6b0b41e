using GoldAnalytics.Domain.Forecasting.Festivals;

namespace GoldAnalytics.Domain.Tests.Forecasting.Festivals;

public class FestivalWeeksTests
{
    private static readonly DateOnly FirstMonday = new(2025, 9, 1);

    [Fact]
    public void Every_occurrence_of_a_festival_marks_its_week_in_one_regressor()
    {
        // Diwali 2025-10-20 (a Monday) and 2026-11-08 (a Sunday).
        var festivals = FestivalWeeks.Of(
            [new("Diwali", new(2025, 10, 20), new(2025, 10, 20)), new("Diwali", new(2026, 11, 8), new(2026, 11, 8))], FirstMonday, 70);

        var diwali = festivals.Should().ContainSingle().Subject;
        diwali.Name.Should().Be("Diwali");
        diwali.Active.Should().HaveCount(70);
        Weeks(diwali.Active).Should().Equal(7, 61);
    }

    [Fact]
    public void An_occurrence_that_crosses_a_weekend_marks_both_weeks()
    {
        // Eid al-Fitr shopping, the five days before 2026-03-20: Sunday 15 to Thursday 19 March, and a Saturday-to-Monday festival.
        var festivals = FestivalWeeks.Of(
            [new("Eid al-Fitr", new(2026, 3, 14), new(2026, 3, 19)), new("Long weekend", new(2025, 9, 13), new(2025, 9, 15))], FirstMonday, 40);

        Weeks(festivals.Single(f => f.Name == "Eid al-Fitr").Active).Should().Equal(27, 28);
        Weeks(festivals.Single(f => f.Name == "Long weekend").Active).Should().Equal(1, 2);
    }

    [Fact]
    public void Festivals_outside_the_weeks_are_left_out_and_the_rest_are_ordered_by_name()
    {
        var festivals = FestivalWeeks.Of(
        [
            new("Eid al-Adha", new(2027, 5, 13), new(2027, 5, 15)),
            new("Dhanteras", new(2025, 10, 18), new(2025, 10, 18)),
            new("Akshaya Tritiya", new(2026, 4, 19), new(2026, 4, 19)),
            new("Diwali", new(2024, 10, 31), new(2024, 10, 31)),
        ], FirstMonday, 52);

        festivals.Select(f => f.Name).Should().Equal("Akshaya Tritiya", "Dhanteras");
    }

    [Fact]
    public void Weeks_start_on_monday()
    {
        var act = () => FestivalWeeks.Of([], new DateOnly(2025, 9, 2), 10);
        act.Should().Throw<ArgumentException>().WithMessage("*Monday*");
    }

    private static IEnumerable<int> Weeks(IReadOnlyList<bool> active) => Enumerable.Range(0, active.Count).Where(w => active[w]);
}
