using Dapper;
using GoldAnalytics.Data.Insights;
using Npgsql;

namespace GoldAnalytics.Data.Stock;

/// <summary>
/// A stock recommendation for a SKU at a branch. <see cref="UrgencyDays"/> is the days of cover left once a
/// replenishment lead time has passed: days of cover (position above safety stock ÷ forecast daily demand) minus the
/// mean lead time. Below zero, an order placed today arrives after the safety stock is already being eaten into; null
/// when there is no demand to cover.
/// </summary>
public sealed record StockRecommendationView(
    int BranchId, string BranchCode, int ProductId, string Sku, string ProductName, string Category, short Karat, string Action, int OrderQuantity,
    int OnHand, int OnOrder, int Reserved, int Position, double WeeklyDemand, double WeeklyDemandSd, double LeadTimeDays, double LeadTimeSdDays,
    string LeadTimeSource, int LeadTimeSamples, decimal ServiceLevel, double SafetyStock, double ReorderPoint, double EconomicOrderQuantity,
    double? DaysOfCover, double? UrgencyDays, int WeeksSinceLastSale, string Reason);

/// <summary>Which recommendations to list: every filter is optional.</summary>
public sealed record RecommendationFilter(int? Branch = null, string? Category = null, int? Karat = null, string? Action = null);

/// <summary>One page of a run's recommendations, most urgent first.</summary>
public sealed record StockRecommendationList(long RunId, DateOnly AsOf, IReadOnlyList<StockRecommendationView> Items, int Page, int PageSize, long Total);

/// <summary>Reads a run's recommendations, most urgent first: lowest urgency days first, no-demand rows last, then SKU and branch.</summary>
public sealed class RecommendationQuery(NpgsqlDataSource dataSource)
{
    public async Task<StockRecommendationList> ListAsync(long runId, DateOnly asOf, RecommendationFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        page.Validated();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new { runId, filter.Branch, filter.Category, karat = (short?)filter.Karat, filter.Action, size = page.Size, offset = page.Offset };
        const string where = """
            WHERE r.run_id = @runId
              AND (@Branch::int IS NULL OR r.branch_id = @Branch)
              AND (@Category::text IS NULL OR r.category = @Category)
              AND (@karat::smallint IS NULL OR r.karat = @karat)
              AND (@Action::text IS NULL OR r.action = @Action)
            """;
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM stock_recommendations r {where}", parameters, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<StockRecommendationView>(new CommandDefinition($"""
            SELECT r.branch_id AS BranchId, b.code AS BranchCode, r.product_id AS ProductId, r.sku AS Sku, p.name AS ProductName, r.category AS Category,
                   r.karat AS Karat, r.action AS Action, r.order_quantity AS OrderQuantity, r.on_hand AS OnHand, r.on_order AS OnOrder,
                   r.reserved AS Reserved, r.position AS Position, r.weekly_demand AS WeeklyDemand, r.weekly_demand_sd AS WeeklyDemandSd,
                   r.lead_time_days AS LeadTimeDays, r.lead_time_sd_days AS LeadTimeSdDays, r.lead_time_source AS LeadTimeSource,
                   r.lead_time_samples AS LeadTimeSamples, r.service_level AS ServiceLevel, r.safety_stock AS SafetyStock,
                   r.reorder_point AS ReorderPoint, r.economic_order_quantity AS EconomicOrderQuantity, r.days_of_cover AS DaysOfCover,
                   r.urgency_days AS UrgencyDays, r.weeks_since_last_sale AS WeeksSinceLastSale, r.reason AS Reason
              FROM stock_recommendations r
              JOIN branches b ON b.id = r.branch_id
              JOIN products p ON p.id = r.product_id
              {where}
             ORDER BY r.urgency_days NULLS LAST, r.product_id, r.branch_id
             LIMIT @size OFFSET @offset
            """, parameters, cancellationToken: cancellationToken));
        return new StockRecommendationList(runId, asOf, [.. items], page.Page, page.Size, total);
    }
}
