using GoldAnalytics.Domain.Forecasting.Festivals;

namespace GoldAnalytics.Data.DemoData;

/// <summary>How busy a day is: the week's rhythm, the wedding season, festivals when gold is bought, and growth.</summary>
public sealed class ShopCalendar(DateOnly firstDay)
{
    // The Gulf weekend (Saturday, Sunday) and Friday evenings are the busiest.
    private static readonly double[] Weekday = [1.05, 0.85, 0.85, 0.9, 1.0, 1.2, 1.3]; // Sunday first

    // Wedding season runs November to February; summer is quiet.
    private static readonly double[] Month = [1.15, 1.1, 1.0, 1.0, 0.95, 0.8, 0.75, 0.8, 0.9, 1.05, 1.2, 1.3];

    private static readonly Dictionary<DateOnly, Festival> Festivals = BuildFestivals();

    /// <summary>Expected traffic on the day relative to an average day.</summary>
    public double Traffic(DateOnly day)
    {
        var years = (day.DayNumber - firstDay.DayNumber) / 365.25;
        var festival = Festivals.TryGetValue(day, out var f) ? f.Traffic : 1.0;
        return Weekday[(int)day.DayOfWeek] * Month[day.Month - 1] * festival * (1 + (0.07 * years));
    }

    /// <summary>True on days when customers buy coins and bars as an auspicious investment.</summary>
    public static bool IsInvestmentDay(DateOnly day) => Festivals.TryGetValue(day, out var f) && f.Investment;

    /// <summary>The festival on the day, if any.</summary>
    public static string? FestivalOn(DateOnly day) => Festivals.TryGetValue(day, out var f) ? f.Name : null;

    /// <summary>True in the months when weddings make larger, multi-piece purchases common.</summary>
    public static bool IsWeddingSeason(DateOnly day) => day.Month is 11 or 12 or 1 or 2;

    /// <summary>
    /// The calendar as a shop would keep it: every festival occurrence (consecutive days of one festival as one
    /// occurrence) and every wedding season (November to February) that touches <paramref name="from"/> to <paramref name="to"/>.
    /// </summary>
    public static IReadOnlyList<FestivalDays> Occurrences(DateOnly from, DateOnly to)
    {
        var occurrences = new List<FestivalDays>();
        foreach (var (day, festival) in Festivals.OrderBy(f => f.Key))
        {
            if (day < from || day > to)
            {
                continue;
            }

            var last = occurrences.Count - 1;
            if (last >= 0 && occurrences[last].Name == festival.Name && occurrences[last].LastDay.AddDays(1) == day)
            {
                occurrences[last] = occurrences[last] with { LastDay = day };
            }
            else
            {
                occurrences.Add(new FestivalDays(festival.Name, day, day));
            }
        }

        for (var year = from.Year - 1; year <= to.Year; year++)
        {
            var season = new FestivalDays("Wedding season", new DateOnly(year, 11, 1), new DateOnly(year + 1, 3, 1).AddDays(-1));
            if (season.FirstDay <= to && season.LastDay >= from)
            {
                occurrences.Add(season);
            }
        }

        return [.. occurrences.OrderBy(o => o.FirstDay).ThenBy(o => o.Name, StringComparer.Ordinal)];
    }

    private sealed record Festival(string Name, double Traffic, bool Investment);

    private static Dictionary<DateOnly, Festival> BuildFestivals()
    {
        var festivals = new Dictionary<DateOnly, Festival>();
        void Add(DateOnly day, Festival festival) => festivals[day] = festival;

        foreach (var diwali in Dates("2020-11-14", "2021-11-04", "2022-10-24", "2023-11-12", "2024-10-31", "2025-10-20", "2026-11-08", "2027-10-29", "2028-10-17"))
        {
            Add(diwali.AddDays(-2), new("Dhanteras", 3.0, true));
            Add(diwali.AddDays(-1), new("Diwali", 1.8, false));
            Add(diwali, new("Diwali", 1.6, false));
        }

        foreach (var day in Dates("2020-04-26", "2021-05-14", "2022-05-03", "2023-04-22", "2024-05-10", "2025-04-30", "2026-04-19", "2027-05-09", "2028-04-28"))
        {
            Add(day, new("Akshaya Tritiya", 2.5, true));
        }

        foreach (var eid in Dates("2020-05-24", "2021-05-13", "2022-05-02", "2023-04-21", "2024-04-10", "2025-03-30", "2026-03-20", "2027-03-10", "2028-02-27"))
        {
            for (var d = 1; d <= 5; d++)
            {
                Add(eid.AddDays(-d), new("Eid al-Fitr", 1.5, false));
            }
        }

        foreach (var eid in Dates("2020-07-31", "2021-07-20", "2022-07-09", "2023-06-28", "2024-06-16", "2025-06-06", "2026-05-27", "2027-05-16", "2028-05-05"))
        {
            for (var d = 1; d <= 3; d++)
            {
                Add(eid.AddDays(-d), new("Eid al-Adha", 1.3, false));
            }
        }

        return festivals;
    }

    private static IEnumerable<DateOnly> Dates(params string[] days) =>
        days.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
}
