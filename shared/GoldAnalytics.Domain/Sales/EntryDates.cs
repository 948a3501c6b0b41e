namespace GoldAnalytics.Domain.Sales;

/// <summary>
/// The dates the shop's records may carry, wherever they are entered (the API, CSV imports) and in the
/// database's CHECK constraints: 1900-01-01 to 2100-12-31. PostgreSQL would keep dates far outside as
/// -infinity or infinity, which no part of the product can read back or count days to.
/// </summary>
public static class EntryDates
{
    /// <summary>How many days after today a business date (a sale, refund, expense, stock movement, gold rate) may be: a year, whatever its leap day.</summary>
    public const int BusinessDaysAhead = 366;

    /// <summary>The earliest date accepted.</summary>
    public static DateOnly Earliest { get; } = new(1900, 1, 1);

    /// <summary>The latest date accepted; times must be before the day after it, UTC.</summary>
    public static DateOnly Latest { get; } = new(2100, 12, 31);

    /// <summary>Whether the date is in the accepted range.</summary>
    public static bool InRange(DateOnly date) => date >= Earliest && date <= Latest;
}
