using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;

namespace GoldAnalytics.Benchmarks.Kpis;

/// <summary>The ranges (7 days to 3 years) and filters every KPI measurement cycles through.</summary>
internal static class BenchmarkWorkload
{
    public static IReadOnlyList<DateRange> Ranges(DateOnly lastDay) =>
    [
        new(lastDay.AddDays(-6), lastDay),
        new(lastDay.AddDays(-29), lastDay),
        new(new DateOnly(lastDay.Year, lastDay.Month, 1).AddMonths(-1), new DateOnly(lastDay.Year, lastDay.Month, 1).AddDays(-1)),
        new(lastDay.AddDays(-89), lastDay),
        new(lastDay.AddDays(-364), lastDay),
        new(lastDay.AddYears(-3).AddDays(1), lastDay),
    ];

    public static IReadOnlyList<KpiFilter> Filters(int branchId, int salespersonId) =>
    [
        KpiFilter.All,
        new(BranchId: branchId),
        new(Category: "ring"),
        new(Karat: 22),
        new(BranchId: branchId, SalespersonId: salespersonId),
    ];
}
