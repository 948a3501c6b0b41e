using System.Globalization;

namespace GoldAnalytics.Domain.Kpis.Periods;

/// <summary>One calendar period of a grain: a day, an ISO week, a month, a quarter or a year.</summary>
public sealed record Period(PeriodGrain Grain, DateOnly Start)
{
    /// <summary>Last day of the period, included.</summary>
    public DateOnly End => Grain switch
    {
        PeriodGrain.Day => Start,
        PeriodGrain.Week => Start.AddDays(6),
        PeriodGrain.Month => Start.AddMonths(1).AddDays(-1),
        PeriodGrain.Quarter => Start.AddMonths(3).AddDays(-1),
        PeriodGrain.Year => Start.AddYears(1).AddDays(-1),
        _ => throw new ArgumentOutOfRangeException(nameof(Grain), Grain, null),
    };

    /// <summary>The period's days as a range.</summary>
    public DateRange Range => new(Start, End);

    /// <summary>Stable, sortable key: 2026-11-21, 2026-W47, 2026-11, 2026-Q4, 2026.</summary>
    public string Key => Grain switch
    {
        PeriodGrain.Day => Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        PeriodGrain.Week => string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(Start.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(Start.ToDateTime(TimeOnly.MinValue)):00}"),
        PeriodGrain.Month => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        PeriodGrain.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Start.Year}-Q{(Start.Month + 2) / 3}"),
        PeriodGrain.Year => Start.Year.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(Grain), Grain, null),
    };

    /// <summary>The period of the grain that contains the day.</summary>
    public static Period Containing(DateOnly day, PeriodGrain grain) => grain switch
    {
        PeriodGrain.Day => new(grain, day),
        PeriodGrain.Week => new(grain, day.AddDays(-(((int)day.DayOfWeek + 6) % 7))),
        PeriodGrain.Month => new(grain, new DateOnly(day.Year, day.Month, 1)),
        PeriodGrain.Quarter => new(grain, new DateOnly(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1)),
        PeriodGrain.Year => new(grain, new DateOnly(day.Year, 1, 1)),
        _ => throw new ArgumentOutOfRangeException(nameof(grain), grain, null),
    };

    /// <summary>The ISO week by its ISO year and number (1 to 52 or 53).</summary>
    public static Period IsoWeek(int isoYear, int week) =>
        new(PeriodGrain.Week, DateOnly.FromDateTime(ISOWeek.ToDateTime(isoYear, week, DayOfWeek.Monday)));

    /// <summary>Every period of the grain that overlaps the range, in order.</summary>
    public static IEnumerable<Period> Covering(DateRange range, PeriodGrain grain)
    {
        for (var period = Containing(range.From, grain); period.Start <= range.To; period = period.Next())
        {
            yield return period;
        }
    }

    /// <summary>True (with the period) when the range is exactly one whole calendar period, the coarsest that fits.</summary>
    public static bool TryMatch(DateRange range, out Period period)
    {
        foreach (var grain in new[] { PeriodGrain.Year, PeriodGrain.Quarter, PeriodGrain.Month, PeriodGrain.Week })
        {
            var candidate = Containing(range.From, grain);
            if (candidate.Start == range.From && candidate.End == range.To)
            {
                period = candidate;
                return true;
            }
        }

        period = Containing(range.From, PeriodGrain.Day);
        return false;
    }

    /// <summary>The period of the same grain that follows.</summary>
    public Period Next() => new(Grain, End.AddDays(1));

    /// <summary>The period of the same grain just before.</summary>
    public Period Previous() => Containing(Start.AddDays(-1), Grain);

    /// <summary>
    /// The same period one year earlier. A day keeps its date (29 February maps to 28 February);
    /// an ISO week keeps its number in the previous ISO year, and week 53 maps to the last week
    /// of a 52-week year.
    /// </summary>
    public Period SamePeriodLastYear()
    {
        if (Grain != PeriodGrain.Week)
        {
            return new(Grain, Start.AddYears(-1));
        }

        var start = Start.ToDateTime(TimeOnly.MinValue);
        var year = ISOWeek.GetYear(start) - 1;
        return IsoWeek(year, Math.Min(ISOWeek.GetWeekOfYear(start), ISOWeek.GetWeeksInYear(year)));
    }
}
