namespace GoldAnalytics.Data.DemoData;

/// <summary>
/// The size and shape of the demo shop. <see cref="Scale"/> multiplies customers and daily
/// transactions: scale 1 is about 490,000 invoice lines over three years (1.6 million rows over all
/// tables) and scale 25 about 11.2 million (33.5 million rows); growth is a little under linear
/// because a busier shop runs out of stock more often. The catalogue, branches and staff stay the
/// same size.
/// </summary>
public sealed record DemoProfile
{
    /// <summary>The last business date with sales; fixed by default so the same seed always gives the same rows.</summary>
    public static readonly DateOnly DefaultEndDate = new(2026, 10, 31);

    /// <summary>Seed of every random choice.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Multiplies customers and daily transactions.</summary>
    public int Scale { get; init; } = 1;

    /// <summary>The last business date with sales.</summary>
    public DateOnly EndDate { get; init; } = DefaultEndDate;

    /// <summary>Days of trading, ending at <see cref="EndDate"/>.</summary>
    public int Days { get; init; } = 1096;

    /// <summary>How many products the catalogue has.</summary>
    public int Products { get; init; } = 400;

    /// <summary>Registered customers at scale 1 (some registered before the first day, the rest over the period).</summary>
    public int Customers { get; init; } = 3000;

    /// <summary>Average invoices per branch per day at scale 1, before seasonality.</summary>
    public double InvoicesPerBranchDay { get; init; } = 82;

    /// <summary>The first business date with sales.</summary>
    public DateOnly StartDate => EndDate.AddDays(1 - Days);

    /// <summary>The default shop: three years, 400 SKUs, 3,000 customers per scale unit.</summary>
    public static DemoProfile Default(ulong seed = 42, int scale = 1) => new() { Seed = seed, Scale = scale };

    /// <summary>A small shop for fast tests: 60 days, 60 SKUs, 300 customers, a tenth of the daily traffic.</summary>
    public static DemoProfile Small(ulong seed = 42) => new()
    {
        Seed = seed,
        Days = 60,
        Products = 60,
        Customers = 300,
        InvoicesPerBranchDay = 8,
    };

    /// <summary>Throws when the profile cannot make a shop.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Scale, 1, nameof(Scale));
        ArgumentOutOfRangeException.ThrowIfLessThan(Days, 1, nameof(Days));
        ArgumentOutOfRangeException.ThrowIfLessThan(Products, 20, nameof(Products));
        ArgumentOutOfRangeException.ThrowIfLessThan(Customers, 10, nameof(Customers));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(InvoicesPerBranchDay, nameof(InvoicesPerBranchDay));
    }
}
