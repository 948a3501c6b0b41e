using GoldAnalytics.Data.Insights;
using GoldAnalytics.Functions.Kpis;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoldAnalytics.Functions.Insights;

/// <summary>The business questions, with the KPI filters and paging (viewer role).</summary>
public sealed class InsightFunctions(BusinessQuestions questions)
{
    [Function("SalespersonLeaderboard")]
    public async Task<Ok<PagedList<SalespersonRank>>> Salespeople(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "insights/salespeople")] HttpRequest request,
        DateOnly from, DateOnly to, CancellationToken cancellationToken,
        int? branch = null, int? productLine = null, string? category = null, int? karat = null, int? salesperson = null, int page = 1, int pageSize = 50) =>
        TypedResults.Ok(await questions.LeaderboardAsync(
            KpiQuery.Filter(branch, productLine, category, karat, salesperson), KpiQuery.Range(from, to), Paging.Of(page, pageSize), cancellationToken));

    [Function("ProductProfitability")]
    public async Task<Ok<PagedList<ProfitRow>>> Products(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "insights/products")] HttpRequest request,
        DateOnly from, DateOnly to, CancellationToken cancellationToken,
        int? branch = null, int? productLine = null, string? category = null, int? karat = null, int? salesperson = null, int page = 1, int pageSize = 50)
    {
        KpiQuery.Refuse("Product profitability", ("salesperson", salesperson));
        return TypedResults.Ok(await questions.ProductsAsync(
            KpiQuery.Filter(branch, productLine, category, karat, null), KpiQuery.Range(from, to), Paging.Of(page, pageSize), cancellationToken));
    }

    [Function("ProductLineProfitability")]
    public async Task<Ok<PagedList<ProfitRow>>> ProductLines(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "insights/product-lines")] HttpRequest request,
        DateOnly from, DateOnly to, CancellationToken cancellationToken,
        int? branch = null, int? productLine = null, string? category = null, int? karat = null, int? salesperson = null, int page = 1, int pageSize = 50) =>
        TypedResults.Ok(await questions.ProductLinesAsync(
            KpiQuery.Filter(branch, productLine, category, karat, salesperson), KpiQuery.Range(from, to), Paging.Of(page, pageSize), cancellationToken));

    [Function("BranchPerformance")]
    public async Task<Ok<IReadOnlyList<BranchMonth>>> Branches(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "insights/branches")] HttpRequest request,
        DateOnly from, DateOnly to, CancellationToken cancellationToken,
        int? branch = null, int? productLine = null, string? category = null, int? karat = null, int? salesperson = null) =>
        TypedResults.Ok(await questions.BranchPerformanceAsync(KpiQuery.Filter(branch, productLine, category, karat, salesperson), KpiQuery.Range(from, to), cancellationToken));

    [Function("ValuableCustomers")]
    public async Task<Ok<PagedList<ValuableCustomer>>> Customers(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "insights/customers")] HttpRequest request,
        DateOnly from, DateOnly to, CancellationToken cancellationToken, int? branch = null, int page = 1, int pageSize = 50) =>
        TypedResults.Ok(await questions.ValuableCustomersAsync(branch, KpiQuery.Range(from, to), Paging.Of(page, pageSize), cancellationToken));

    [Function("IdealCustomerProfile")]
    public async Task<Ok<IdealCustomerProfile>> IdealCustomer(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "insights/customers/ideal-profile")] HttpRequest request,
        DateOnly from, DateOnly to, CancellationToken cancellationToken, int? branch = null) =>
        TypedResults.Ok(await questions.IdealCustomerProfileAsync(branch, KpiQuery.Range(from, to), cancellationToken));

    [Function("Movers")]
    public async Task<Ok<IReadOnlyList<CategoryMovers>>> Movers(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "insights/movers")] HttpRequest request,
        DateOnly from, DateOnly to, CancellationToken cancellationToken,
        int? branch = null, int? productLine = null, string? category = null, int? karat = null, int? salesperson = null, int perCategory = 5)
    {
        KpiQuery.Refuse("Movers", ("salesperson", salesperson));
        if (perCategory is < 1 or > 100)
        {
            throw KpiQuery.Invalid("perCategory", ProblemCodes.OutOfRange, "perCategory is between 1 and 100.");
        }

        return TypedResults.Ok(await questions.MoversAsync(KpiQuery.Filter(branch, productLine, category, karat, null), KpiQuery.Range(from, to), perCategory, cancellationToken));
    }

    [Function("BoughtTogether")]
    public async Task<Ok<BoughtTogetherReport>> BoughtTogether(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "insights/bought-together")] HttpRequest request,
        DateOnly from, DateOnly to, CancellationToken cancellationToken,
        int? branch = null, int? productLine = null, string? category = null, int? karat = null, int? salesperson = null,
        decimal minSupport = 0.001m, int page = 1, int pageSize = 50)
    {
        if (minSupport is <= 0 or > 1)
        {
            throw KpiQuery.Invalid("minSupport", ProblemCodes.OutOfRange, "minSupport is a share of invoices above 0 and at most 1 (0.001 = one invoice in a thousand).");
        }

        return TypedResults.Ok(await questions.BoughtTogetherAsync(
            KpiQuery.Filter(branch, productLine, category, karat, salesperson), KpiQuery.Range(from, to), minSupport, Paging.Of(page, pageSize), cancellationToken));
    }

    [Function("CostBreakdown")]
    public async Task<Ok<IReadOnlyList<CostCategory>>> Costs(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "insights/costs")] HttpRequest request,
        DateOnly from, DateOnly to, CancellationToken cancellationToken, int? branch = null) =>
        TypedResults.Ok(await questions.CostBreakdownAsync(branch, KpiQuery.Range(from, to), cancellationToken));
}
