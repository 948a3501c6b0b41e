using GoldAnalytics.Data.Insights;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using GoldAnalytics.Domain.Kpis.Trends;

namespace GoldAnalytics.Benchmarks.Kpis;

/// <summary>One measured endpoint family: its call, and the filter it actually takes (so equal requests are not measured twice).</summary>
internal sealed record BenchmarkEndpoint(string Name, Func<KpiFilter, KpiFilter> Normalise, Func<KpiFilter, DateRange, Task<object>> Call);

/// <summary>Every KPI endpoint and business question, called as the HTTP functions call them (default paging and settings).</summary>
internal static class BenchmarkEndpoints
{
    public static IReadOnlyList<BenchmarkEndpoint> All(
        FinancialKpiEngine financial, InventoryKpiEngine inventory, CustomerKpiEngine customers, CustomerAnalytics analytics, BusinessQuestions questions)
    {
        var page = new PageRequest();
        KpiFilter Same(KpiFilter f) => f;
        KpiFilter NoSalesperson(KpiFilter f) => f with { SalespersonId = null };
        KpiFilter BranchOnly(KpiFilter f) => new(BranchId: f.BranchId);
        return
        [
            new("financial", Same, async (f, r) => await financial.KpisAsync(f, r, StatusThresholds.Default)),
            new("operational (inventory)", NoSalesperson, async (f, r) => await inventory.KpisAsync(f, r, InventorySettings.Default)),
            new("customer", BranchOnly, async (f, r) => await customers.KpisAsync(f.BranchId, r, StatusThresholds.Default)),
            new("customer rfm", BranchOnly, async (f, r) => await analytics.RfmAsync(f.BranchId, r, page.Page, page.Size)),
            new("customer cohorts", BranchOnly, async (f, r) => await analytics.CohortRetentionAsync(f.BranchId, r)),
            new("customer lifetime value", BranchOnly, async (f, r) => await analytics.LifetimeValueAsync(f.BranchId, r, 12)),
            new("q: salesperson leaderboard", Same, async (f, r) => await questions.LeaderboardAsync(f, r, page)),
            new("q: product profitability", NoSalesperson, async (f, r) => await questions.ProductsAsync(f, r, page)),
            new("q: product-line profitability", Same, async (f, r) => await questions.ProductLinesAsync(f, r, page)),
            new("q: branch performance", Same, async (f, r) => await questions.BranchPerformanceAsync(f, r)),
            new("q: most valuable customers", BranchOnly, async (f, r) => await questions.ValuableCustomersAsync(f.BranchId, r, page)),
            new("q: ideal-customer profile", BranchOnly, async (f, r) => await questions.IdealCustomerProfileAsync(f.BranchId, r)),
            new("q: fast and slow movers", NoSalesperson, async (f, r) => await questions.MoversAsync(f, r, 10)),
            new("q: products bought together", Same, async (f, r) => await questions.BoughtTogetherAsync(f, r, 0.001m, page)),
            new("q: cost breakdown", BranchOnly, async (f, r) => await questions.CostBreakdownAsync(f.BranchId, r)),
        ];
    }
}
