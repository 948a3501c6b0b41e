namespace GoldAnalytics.Domain.Kpis.Periods;

/// <summary>An inclusive range of business dates, the unit every KPI is asked for.</summary>
public sealed record DateRange
{
    public DateRange(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentException($"The range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        }

        From = from;
        To = to;
    }

    /// <summary>First day of the range.</summary>
    public DateOnly From { get; }

    /// <summary>Last day of the range, included.</summary>
    public DateOnly To { get; }

    /// <summary>Number of calendar days in the range.</summary>
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>True when the day falls in the range.</summary>
    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>Every day of the range in order.</summary>
    public IEnumerable<DateOnly> EachDay()
    {
        for (var day = From; day <= To; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    /// <summary>
    /// The period just before: the previous calendar period when the range is exactly one
    /// (March's previous is February), otherwise the same number of days ending the day before.
    /// </summary>
    public DateRange Previous() =>
        Period.TryMatch(this, out var period)
            ? period.Previous().Range
            : new DateRange(From.AddDays(-Days), From.AddDays(-1));

    /// <summary>
    /// The same period a year earlier: the same calendar period when the range is one (ISO week
    /// 53 maps to week 52 of a 52-week year), otherwise both ends a year back, where 29 February
    /// becomes 28 February and a range ending on a month's last day keeps ending on it.
    /// </summary>
    public DateRange SamePeriodLastYear()
    {
        if (Period.TryMatch(this, out var period))
        {
            return period.SamePeriodLastYear().Range;
        }

        var to = To.AddYears(-1);
        if (To.AddDays(1).Day == 1)
        {
            to = new DateOnly(to.Year, to.Month, DateTime.DaysInMonth(to.Year, to.Month));
        }

        return new DateRange(From.AddYears(-1), to);
    }

    /// <summary>Formats the range as <c>yyyy-MM-dd..yyyy-MM-dd</c>.</summary>
    public override string ToString() => $"{From:yyyy-MM-dd}..{To:yyyy-MM-dd}";
}
