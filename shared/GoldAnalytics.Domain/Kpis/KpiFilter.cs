namespace GoldAnalytics.Domain.Kpis;

/// <summary>The slice a KPI or business question is asked for; null means all.</summary>
public sealed record KpiFilter(
    int? BranchId = null,
    int? ProductLineId = null,
    string? Category = null,
    int? Karat = null,
    int? SalespersonId = null)
{
    /// <summary>The whole shop.</summary>
    public static KpiFilter All { get; } = new();

    /// <summary>True when the filter narrows by what was sold rather than where or by whom.</summary>
    public bool HasProductFilter => ProductLineId is not null || Category is not null || Karat is not null;
}
