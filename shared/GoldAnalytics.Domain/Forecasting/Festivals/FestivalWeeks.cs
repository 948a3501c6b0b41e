using GoldAnalytics.Domain.Forecasting.Models;

namespace GoldAnalytics.Domain.Forecasting.Festivals;

/// <summary>
/// Turns the shop's festival calendar into weekly regressors: one per festival name, true in every week (Monday to
/// Sunday) that any of its days falls in. Moving festivals (Diwali, Eid, Akshaya Tritiya) land in a different week
/// each year, which a yearly Fourier season cannot follow; the dummies can.
/// </summary>
public static class FestivalWeeks
{
    /// <summary>Regressors for <paramref name="weeks"/> weeks from <paramref name="firstMonday"/>, ordered by festival name; festivals that touch none of the weeks are left out.</summary>
    public static IReadOnlyList<Festival> Of(IEnumerable<FestivalDays> calendar, DateOnly firstMonday, int weeks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weeks);
        if (firstMonday.DayOfWeek != DayOfWeek.Monday)
        {
            throw new ArgumentException($"Weeks start on Monday; {firstMonday:yyyy-MM-dd} is a {firstMonday.DayOfWeek}.", nameof(firstMonday));
        }

        var festivals = new List<Festival>();
        foreach (var festival in calendar.GroupBy(f => f.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var active = new bool[weeks];
            foreach (var occurrence in festival)
            {
                var first = Math.Max(0, (occurrence.FirstDay.DayNumber - firstMonday.DayNumber) / 7 - 1);
                var last = Math.Min(weeks - 1, (occurrence.LastDay.DayNumber - firstMonday.DayNumber) / 7 + 1);
                for (var w = first; w <= last; w++)
                {
                    active[w] |= occurrence.Touches(firstMonday.AddDays(7 * w));
                }
            }

            if (active.Any(a => a))
            {
                festivals.Add(new Festival(festival.Key, active));
            }
        }

        return festivals;
    }
}
