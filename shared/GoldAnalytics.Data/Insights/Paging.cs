namespace GoldAnalytics.Data.Insights;

/// <summary>Which page of a long list to return (1-based) and how many rows per page (1 to 500).</summary>
public sealed record PageRequest(int Page = 1, int Size = 50)
{
    /// <summary>Rows to skip.</summary>
    public int Offset => (Page - 1) * Size;

    /// <summary>Throws when the page or size is out of range.</summary>
    public PageRequest Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Page, 1, nameof(Page));
        ArgumentOutOfRangeException.ThrowIfLessThan(Size, 1, nameof(Size));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Size, 500, nameof(Size));
        return this;
    }
}

/// <summary>One page of a ranked list and the total number of rows.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);
