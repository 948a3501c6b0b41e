using GoldAnalytics.Domain.Kpis.Periods;

namespace GoldAnalytics.Data.Kpis;

/// <summary>How a date range is cut into cached blocks: the calendar months it covers whole, and the days outside them.</summary>
internal static class CalendarBlocks
{
    /// <summary>The month starts a range covers whole, and the days outside them.</summary>
    public static (List<DateOnly> Months, List<DateOnly> Days) Split(DateRange range)
    {
        var months = new List<DateOnly>();
        var days = new List<DateOnly>();
        var day = range.From;
        while (day <= range.To)
        {
            var monthEnd = MonthStart(day).AddMonths(1).AddDays(-1);
            if (day.Day == 1 && monthEnd <= range.To)
            {
                months.Add(day);
                day = monthEnd.AddDays(1);
            }
            else
            {
                days.Add(day);
                day = day.AddDays(1);
            }
        }

        return (months, days);
    }

    /// <summary>The first day of the day's month.</summary>
    public static DateOnly MonthStart(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>Every day of the month that starts on <paramref name="monthStart"/>.</summary>
    public static IEnumerable<DateOnly> DaysOf(DateOnly monthStart) =>
        Enumerable.Range(0, DateTime.DaysInMonth(monthStart.Year, monthStart.Month)).Select(monthStart.AddDays);
}
