using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoldAnalytics.Functions.Kpis;

/// <summary>The KPI cards: financial, customer and inventory, for any range and filter (viewer role).</summary>
public sealed class KpiFunctions(FinancialKpiEngine financial, CustomerKpiEngine customers, InventoryKpiEngine inventory)
{
    /// <summary>Revenue, profit, margin, cost ratio, discounts, tax, refunds, ATV ... with target, comparisons, trend test, status and sparkline.</summary>
    [Function("FinancialKpis")]
    public async Task<Ok<FinancialKpiReport>> Financial(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "kpis/financial")] HttpRequest request,
        DateOnly from,
        DateOnly to,
        CancellationToken cancellationToken,
        int? branch = null,
        int? productLine = null,
        string? category = null,
        int? karat = null,
        int? salesperson = null,
        decimal? successAt = null,
        decimal? warningAt = null) =>
        TypedResults.Ok(await financial.KpisAsync(
            KpiQuery.Filter(branch, productLine, category, karat, salesperson), KpiQuery.Range(from, to), KpiQuery.Thresholds(successAt, warningAt), cancellationToken));

    /// <summary>Active and new customers, acquisition, retention, churn, repeat rate, frequency, order value (branch filter only).</summary>
    [Function("CustomerKpis")]
    public async Task<Ok<CustomerKpiReport>> Customers(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "kpis/customers")] HttpRequest request,
        DateOnly from,
        DateOnly to,
        CancellationToken cancellationToken,
        int? branch = null,
        decimal? successAt = null,
        decimal? warningAt = null) =>
        TypedResults.Ok(await customers.KpisAsync(branch, KpiQuery.Range(from, to), KpiQuery.Thresholds(successAt, warningAt), cancellationToken));

    /// <summary>Turnover, days of inventory, sell-through, GMROI, stockouts, carrying cost, dead stock, ageing and gold stock by karat.</summary>
    [Function("InventoryKpis")]
    public async Task<Ok<InventoryKpiReport>> Inventory(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "kpis/inventory")] HttpRequest request,
        DateOnly from,
        DateOnly to,
        CancellationToken cancellationToken,
        int? branch = null,
        int? productLine = null,
        string? category = null,
        int? karat = null,
        decimal? carryingRate = null,
        int? deadStockDays = null)
    {
        if (carryingRate is < 0 or > 1)
        {
            throw KpiQuery.Invalid("carryingRate", ProblemCodes.OutOfRange, "carryingRate is a yearly rate between 0 and 1 (0.2 = 20%).");
        }

        if (deadStockDays is < 1 or > 3650)
        {
            throw KpiQuery.Invalid("deadStockDays", ProblemCodes.OutOfRange, "deadStockDays is between 1 and 3650.");
        }

        var settings = new InventorySettings(carryingRate ?? InventorySettings.Default.AnnualCarryingRate, deadStockDays ?? InventorySettings.Default.DeadStockDays);
        return TypedResults.Ok(await inventory.KpisAsync(KpiQuery.Filter(branch, productLine, category, karat, null), KpiQuery.Range(from, to), settings, cancellationToken));
    }
}
