using GoldAnalytics.Domain.Forecasting.Festivals;
using GoldAnalytics.Domain.Forecasting.Models;
using Npgsql;

namespace GoldAnalytics.Data.Forecasting;

/// <summary>A festival and the weeks (Mondays) it falls in over a run's history and horizon, as stored with the run.</summary>
public sealed record RunFestival(string Name, IReadOnlyList<DateOnly> Weeks);

/// <summary>The festival weeks of a run: read from the shop's calendar when the run is planned, handed to every series' regression.</summary>
public static class RunFestivals
{
    /// <summary>Festivals that fall in any week from <paramref name="firstWeek"/> to <paramref name="horizon"/> weeks after <paramref name="lastWeek"/>.</summary>
    internal static async Task<IReadOnlyList<RunFestival>> PlanAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly firstWeek, DateOnly lastWeek, int horizon, CancellationToken cancellationToken)
    {
        var lastForecastWeek = lastWeek.AddDays(7 * horizon);
        var weeks = (lastForecastWeek.DayNumber - firstWeek.DayNumber) / 7 + 1;
        var calendar = await FestivalCalendar.DaysAsync(connection, transaction, firstWeek, lastForecastWeek.AddDays(6), cancellationToken);
        return [.. FestivalWeeks.Of(calendar, firstWeek, weeks).Select(f => new RunFestival(
            f.Name, [.. Enumerable.Range(0, weeks).Where(w => f.Active[w]).Select(w => firstWeek.AddDays(7 * w))]))];
    }

    /// <summary>Regressors for a series whose first week is <paramref name="historyStart"/>, over its history and horizon (<paramref name="weeks"/> in all).</summary>
    public static IReadOnlyList<Festival> Regressors(IReadOnlyList<RunFestival> festivals, DateOnly historyStart, int weeks)
    {
        var regressors = new List<Festival>(festivals.Count);
        foreach (var festival in festivals)
        {
            var active = new bool[weeks];
            foreach (var week in festival.Weeks)
            {
                var w = (week.DayNumber - historyStart.DayNumber) / 7;
                if (week >= historyStart && w < weeks)
                {
                    active[w] = true;
                }
            }

            if (active.Contains(true))
            {
                regressors.Add(new Festival(festival.Name, active));
            }
        }

        return regressors;
    }
}
