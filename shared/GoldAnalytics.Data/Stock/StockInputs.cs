using Dapper;
using Npgsql;

namespace GoldAnalytics.Data.Stock;

/// <summary>A product's reorder settings, with the unit cost held in stock (making and stones plus the gold at today's buy rate).</summary>
public sealed record ProductReorderSettings(
    int ProductId, string Sku, string Category, short Karat, decimal ServiceLevel, int MinStock, decimal OrderCost, decimal AnnualHoldingRate,
    int LeadTimeDays, decimal LeadTimeSdDays, decimal HoldingUnitCost, int WeeksListed);

/// <summary>Observed lead times (ordered → received) of purchase orders: per branch when <see cref="BranchId"/> is set, else over all branches.</summary>
public sealed record LeadTimeStatistics(int ProductId, int? BranchId, int Samples, double MeanDays, double SdDays);

/// <summary>Units of a SKU at a branch: on hand, on order from suppliers (approved or ordered, not yet received), reserved for customers.</summary>
public sealed record StockPositionRow(int BranchId, int ProductId, int OnHand, int OnOrder, int Reserved);

/// <summary>What the stock recommendation reads besides the forecast: settings, lead-time statistics and stock positions.</summary>
public static class StockInputs
{
    /// <summary>Purchase orders received in this many days before the run's date count towards the lead-time statistics.</summary>
    public const int LeadTimeHistoryDays = 730;

    public static async Task<IReadOnlyDictionary<int, ProductReorderSettings>> SettingsAsync(NpgsqlConnection connection, DateOnly asOf, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<ProductReorderSettings>(new CommandDefinition("""
            SELECT p.id AS ProductId, p.sku AS Sku, p.category AS Category, p.karat AS Karat, p.service_level AS ServiceLevel, p.min_stock AS MinStock,
                   p.order_cost AS OrderCost, p.annual_holding_rate AS AnnualHoldingRate, p.lead_time_days AS LeadTimeDays,
                   p.lead_time_stddev_days AS LeadTimeSdDays,
                   p.unit_cost + p.net_weight_g * coalesce(r.buy_per_gram, 0) AS HoldingUnitCost,
                   greatest(0, (@asOf::date - p.created_at::date) / 7) AS WeeksListed
              FROM products p
              LEFT JOIN LATERAL (
                    SELECT g.buy_per_gram FROM gold_rates g WHERE g.karat = p.karat AND g.business_date <= @asOf
                     ORDER BY g.business_date DESC LIMIT 1) r ON true
             WHERE p.deleted_at IS NULL
            """, new { asOf = Day(asOf) }, cancellationToken: cancellationToken))).ToDictionary(s => s.ProductId);

    public static async Task<IReadOnlyList<LeadTimeStatistics>> LeadTimesAsync(NpgsqlConnection connection, DateOnly asOf, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<LeadTimeStatistics>(new CommandDefinition("""
            SELECT l.product_id AS ProductId, o.branch_id AS BranchId, count(*)::int AS Samples,
                   avg(o.received_on - o.ordered_on)::float8 AS MeanDays,
                   coalesce(stddev_samp(o.received_on - o.ordered_on), 0)::float8 AS SdDays
              FROM purchase_orders o
              JOIN purchase_order_lines l ON l.purchase_order_id = o.id
             WHERE o.status = 'received' AND o.ordered_on IS NOT NULL AND l.received_quantity > 0
               AND o.received_on BETWEEN @since AND @asOf
             GROUP BY GROUPING SETS ((l.product_id, o.branch_id), (l.product_id))
            """, new { asOf = Day(asOf), since = Day(asOf.AddDays(-LeadTimeHistoryDays)) }, cancellationToken: cancellationToken))];

    public static async Task<IReadOnlyList<StockPositionRow>> PositionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<StockPositionRow>(new CommandDefinition("""
            WITH on_hand AS (SELECT branch_id, product_id, on_hand FROM stock_levels),
            on_order AS (
                SELECT o.branch_id, l.product_id, sum(l.quantity - l.received_quantity)::int AS on_order
                  FROM purchase_orders o JOIN purchase_order_lines l ON l.purchase_order_id = o.id
                 WHERE o.status IN ('approved', 'ordered')
                 GROUP BY 1, 2),
            reserved AS (
                SELECT branch_id, product_id, sum(quantity)::int AS reserved
                  FROM stock_reservations WHERE released_at IS NULL GROUP BY 1, 2)
            SELECT coalesce(h.branch_id, o.branch_id, r.branch_id) AS BranchId, coalesce(h.product_id, o.product_id, r.product_id) AS ProductId,
                   coalesce(h.on_hand, 0) AS OnHand, coalesce(o.on_order, 0) AS OnOrder, coalesce(r.reserved, 0) AS Reserved
              FROM on_hand h
              FULL JOIN on_order o ON o.branch_id = h.branch_id AND o.product_id = h.product_id
              FULL JOIN reserved r ON r.branch_id = coalesce(h.branch_id, o.branch_id) AND r.product_id = coalesce(h.product_id, o.product_id)
            """, cancellationToken: cancellationToken))];

    internal static DateTime Day(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
}
