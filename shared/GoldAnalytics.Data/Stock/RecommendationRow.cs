using Dapper;
using GoldAnalytics.Domain.Stock.Policy;
using Npgsql;

namespace GoldAnalytics.Data.Stock;

/// <summary>Stored names of the recommended actions.</summary>
public static class StockActions
{
    public const string OrderNow = "order_now";
    public const string Fine = "fine";
    public const string Overstocked = "overstocked";
    public const string DeadStock = "dead_stock";

    public static IReadOnlyList<string> All { get; } = [OrderNow, Fine, Overstocked, DeadStock];

    public static string Name(StockAction action) => action switch
    {
        StockAction.OrderNow => OrderNow,
        StockAction.Overstocked => Overstocked,
        StockAction.DeadStock => DeadStock,
        _ => Fine,
    };
}

/// <summary>A recommendation as stored; urgency is days of cover left after a replenishment lead time.</summary>
internal sealed record RecommendationRow(
    int BranchId, int ProductId, string Sku, string Category, short Karat, string Action, int OrderQuantity,
    int OnHand, int OnOrder, int Reserved, int Position, double WeeklyDemand, double WeeklyDemandSd,
    double LeadTimeDays, double LeadTimeSdDays, string LeadTimeSource, int LeadTimeSamples, decimal ServiceLevel,
    double SafetyStock, double ReorderPoint, double EconomicOrderQuantity, double? DaysOfCover, double? UrgencyDays, int WeeksSinceLastSale, string Reason)
{
    public static RecommendationRow Of(ProductReorderSettings product, StockPositionRow position, DemandProfile demand, LeadTime lead, string source, int samples, StockRecommendation recommendation, int weeksSinceSale)
    {
        double? cover = double.IsFinite(recommendation.PeriodsOfCover) ? recommendation.PeriodsOfCover * 7 : null;
        var leadDays = lead.MeanPeriods * 7;
        return new RecommendationRow(
            position.BranchId, product.ProductId, product.Sku, product.Category, product.Karat, StockActions.Name(recommendation.Action),
            (int)Math.Ceiling(recommendation.OrderQuantity), position.OnHand, position.OnOrder, position.Reserved, position.OnHand + position.OnOrder - position.Reserved,
            demand.MeanPerPeriod, demand.StandardDeviationPerPeriod, leadDays, lead.StandardDeviationPeriods * 7, source, samples, product.ServiceLevel,
            recommendation.Policy.SafetyStock, recommendation.Policy.ReorderPoint, recommendation.Policy.OrderQuantity, cover, cover - leadDays, weeksSinceSale, recommendation.Reason);
    }

    public static async Task StoreAsync(NpgsqlConnection connection, long runId, IReadOnlyList<RecommendationRow> rows, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM stock_recommendations WHERE run_id = @runId", new { runId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO stock_recommendations (run_id, branch_id, product_id, sku, category, karat, action, order_quantity, on_hand, on_order, reserved, position,
                weekly_demand, weekly_demand_sd, lead_time_days, lead_time_sd_days, lead_time_source, lead_time_samples, service_level,
                safety_stock, reorder_point, economic_order_quantity, days_of_cover, urgency_days, weeks_since_last_sale, reason)
            SELECT @runId, * FROM unnest(@branch, @product, @sku, @category, @karat, @action, @quantity, @onHand, @onOrder, @reserved, @position,
                @demand, @demandSd, @lead, @leadSd, @source, @samples, @service, @safety, @reorder, @eoq, @cover, @urgency, @quiet, @reason)
            """, new
        {
            runId,
            branch = rows.Select(r => r.BranchId).ToArray(),
            product = rows.Select(r => r.ProductId).ToArray(),
            sku = rows.Select(r => r.Sku).ToArray(),
            category = rows.Select(r => r.Category).ToArray(),
            karat = rows.Select(r => r.Karat).ToArray(),
            action = rows.Select(r => r.Action).ToArray(),
            quantity = rows.Select(r => r.OrderQuantity).ToArray(),
            onHand = rows.Select(r => r.OnHand).ToArray(),
            onOrder = rows.Select(r => r.OnOrder).ToArray(),
            reserved = rows.Select(r => r.Reserved).ToArray(),
            position = rows.Select(r => r.Position).ToArray(),
            demand = rows.Select(r => r.WeeklyDemand).ToArray(),
            demandSd = rows.Select(r => r.WeeklyDemandSd).ToArray(),
            lead = rows.Select(r => r.LeadTimeDays).ToArray(),
            leadSd = rows.Select(r => r.LeadTimeSdDays).ToArray(),
            source = rows.Select(r => r.LeadTimeSource).ToArray(),
            samples = rows.Select(r => r.LeadTimeSamples).ToArray(),
            service = rows.Select(r => r.ServiceLevel).ToArray(),
            safety = rows.Select(r => r.SafetyStock).ToArray(),
            reorder = rows.Select(r => r.ReorderPoint).ToArray(),
            eoq = rows.Select(r => r.EconomicOrderQuantity).ToArray(),
            cover = rows.Select(r => r.DaysOfCover).ToArray(),
            urgency = rows.Select(r => r.UrgencyDays).ToArray(),
            quiet = rows.Select(r => r.WeeksSinceLastSale).ToArray(),
            reason = rows.Select(r => r.Reason).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}
