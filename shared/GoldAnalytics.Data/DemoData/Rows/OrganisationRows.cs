namespace GoldAnalytics.Data.DemoData.Rows;

/// <summary>A row of <c>branches</c>.</summary>
public sealed record BranchRow(int Id, string Code, string Name, string City, string TimeZone, DateOnly OpenedOn) : IDemoRow
{
    /// <summary>The columns <see cref="WriteTo"/> fills, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["id", "code", "name", "city", "time_zone", "opened_on"];

    /// <inheritdoc />
    public void WriteTo(IRowWriter row)
    {
        row.Int(Id);
        row.Text(Code);
        row.Text(Name);
        row.Text(City);
        row.Text(TimeZone);
        row.Date(OpenedOn);
    }
}

/// <summary>A row of <c>staff</c>.</summary>
public sealed record StaffRow(int Id, int BranchId, string Code, string Name, string Email, string Role, DateOnly HiredOn, DateOnly? LeftOn) : IDemoRow
{
    /// <summary>The columns <see cref="WriteTo"/> fills, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["id", "branch_id", "code", "name", "email", "role", "hired_on", "left_on"];

    /// <inheritdoc />
    public void WriteTo(IRowWriter row)
    {
        row.Int(Id);
        row.Int(BranchId);
        row.Text(Code);
        row.Text(Name);
        row.Text(Email);
        row.Text(Role);
        row.Date(HiredOn);
        row.Date(LeftOn);
    }
}

/// <summary>A row of <c>suppliers</c>.</summary>
public sealed record SupplierRow(int Id, string Code, string Name, string Country, string Email, string Phone, int LeadTimeDays) : IDemoRow
{
    /// <summary>The columns <see cref="WriteTo"/> fills, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["id", "code", "name", "country", "email", "phone", "lead_time_days"];

    /// <inheritdoc />
    public void WriteTo(IRowWriter row)
    {
        row.Int(Id);
        row.Text(Code);
        row.Text(Name);
        row.Text(Country);
        row.Text(Email);
        row.Text(Phone);
        row.Int(LeadTimeDays);
    }
}

/// <summary>A row of <c>expenses</c>.</summary>
public sealed record ExpenseRow(long Id, int? BranchId, string Category, DateOnly BusinessDate, decimal Amount, string Description, DateTime CreatedAt) : IDemoRow
{
    /// <summary>The columns <see cref="WriteTo"/> fills, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["id", "branch_id", "category", "business_date", "amount", "description", "entered_by", "created_at", "updated_at"];

    /// <inheritdoc />
    public void WriteTo(IRowWriter row)
    {
        row.Long(Id);
        row.Int(BranchId);
        row.Text(Category);
        row.Date(BusinessDate);
        row.Decimal(Amount);
        row.Text(Description);
        row.Text("demo");
        row.Timestamp(CreatedAt);
        row.Timestamp(CreatedAt);
    }
}

/// <summary>A row of <c>targets</c>.</summary>
public sealed record TargetRow(int BranchId, DateOnly Month, string Metric, decimal Value) : IDemoRow
{
    /// <summary>The columns <see cref="WriteTo"/> fills, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["branch_id", "month", "metric", "value"];

    /// <inheritdoc />
    public void WriteTo(IRowWriter row)
    {
        row.Int(BranchId);
        row.Date(Month);
        row.Text(Metric);
        row.Decimal(Value);
    }
}
