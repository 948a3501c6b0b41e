namespace GoldAnalytics.Data.DemoData.Rows;

/// <summary>A row of <c>customers</c>; the loyalty tier is settled from the ledger after loading.</summary>
public sealed record CustomerRow(
    long Id,
    string Code,
    string Name,
    string Phone,
    string? Email,
    DateOnly? Birthday,
    string City,
    int HomeBranchId,
    DateOnly RegisteredOn,
    bool MarketingOptIn,
    DateTime CreatedAt) : IDemoRow
{
    /// <summary>The columns <see cref="WriteTo"/> fills, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["id", "code", "name", "phone", "email", "birthday", "city", "home_branch_id", "registered_on", "marketing_opt_in", "created_at", "updated_at"];

    /// <inheritdoc />
    public void WriteTo(IRowWriter row)
    {
        row.Long(Id);
        row.Text(Code);
        row.Text(Name);
        row.Text(Phone);
        row.NullableText(Email);
        row.Date(Birthday);
        row.Text(City);
        row.Int(HomeBranchId);
        row.Date(RegisteredOn);
        row.Bool(MarketingOptIn);
        row.Timestamp(CreatedAt);
        row.Timestamp(CreatedAt);
    }
}

/// <summary>A row of <c>loyalty_ledger</c>.</summary>
public sealed record LoyaltyEntryRow(long Id, long CustomerId, DateOnly BusinessDate, DateTime OccurredAt, string Kind, int Points, long? InvoiceId, DateOnly? ExpiresOn) : IDemoRow
{
    /// <summary>The columns <see cref="WriteTo"/> fills, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["id", "customer_id", "business_date", "occurred_at", "kind", "points", "invoice_id", "expires_on"];

    /// <inheritdoc />
    public void WriteTo(IRowWriter row)
    {
        row.Long(Id);
        row.Long(CustomerId);
        row.Date(BusinessDate);
        row.Timestamp(OccurredAt);
        row.Text(Kind);
        row.Int(Points);
        row.Long(InvoiceId);
        row.Date(ExpiresOn);
    }
}
