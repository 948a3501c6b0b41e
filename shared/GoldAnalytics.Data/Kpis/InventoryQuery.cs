using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Operational;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Kpis;

/// <summary>Stock per branch and SKU over a range from stock_daily: averages, receipts, sales, stockout days, ages.</summary>
internal static class InventoryQuery
{
    /// <summary>One branch and SKU over the range.</summary>
    public sealed record SkuStock(
        int BranchId, int ProductId, int Karat, decimal UnitValue, decimal UnitGrams, long OpeningUnits, decimal AverageUnits,
        decimal AverageGrams, long ClosingUnits, decimal ClosingGrams, long ReceivedUnits, long SoldUnits, long StockoutDays, long ActiveDays,
        DateOnly? LastSale, DateOnly? LastReceipt, decimal? BuyRate);

    /// <summary>Every branch and SKU with stock history up to the range's end, or only the given (branch, SKU) pairs.</summary>
    public static async Task<IReadOnlyList<SkuStock>> LoadAsync(
        NpgsqlConnection connection, KpiFilter filter, DateRange range, CancellationToken cancellationToken, IReadOnlyCollection<(int BranchId, int ProductId)>? only = null)
    {
#pragma warning disable CA2100 // one of two constant statements
        await using var command = new NpgsqlCommand(only is null ? AllSkus : OnlySkus, connection) { CommandTimeout = 0 };
#pragma warning restore CA2100
        KpiParameters.Add(command, filter with { SalespersonId = null }, range);
        command.Parameters.Add(new NpgsqlParameter<int>("days", range.Days));
        command.Parameters.Add(new NpgsqlParameter<int[]>("only_branches", [.. (only ?? []).Select(k => k.BranchId)]));
        command.Parameters.Add(new NpgsqlParameter<int[]>("only_products", [.. (only ?? []).Select(k => k.ProductId)]));
        var rows = new List<SkuStock>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SkuStock(
                reader.GetInt32(0), reader.GetInt32(1), reader.GetInt16(2), reader.GetDecimal(3), reader.GetDecimal(4), reader.GetInt64(5),
                reader.GetDecimal(6), reader.GetDecimal(7), reader.GetInt64(8), reader.GetDecimal(9), reader.GetInt64(10), reader.GetInt64(11),
                reader.GetInt64(12), reader.GetInt64(13),
                reader.IsDBNull(14) ? null : reader.GetFieldValue<DateOnly>(14),
                reader.IsDBNull(15) ? null : reader.GetFieldValue<DateOnly>(15),
                reader.IsDBNull(16) ? null : reader.GetDecimal(16)));
        }

        return rows;
    }

    // Average units = opening + Σ net movement × (to − day + 1) / days: the mean of the daily closings.
    // Stockout days: each movement day's closing balance holds until the next movement day; days
    // before the first movement in the range hold the opening balance.
    // The SKU restriction is spelled into the statement (not an OR on a flag) so the planner turns it
    // into a semi-join on stock_daily_product instead of filtering a scan of every SKU's history.
    // The history of every SKU is the one full pass over stock_daily; the products are a semi-join on it
    // (a small hash of product ids), not a join that hashes the million stock rows and spills them to disk.
    private const string OnlyPredicate = "AND (s.branch_id, s.product_id) IN (SELECT b, p FROM unnest(@only_branches, @only_products) AS k(b, p))";

    private static readonly string AllSkus = Sql.Replace("{only}", "", StringComparison.Ordinal);

    private static readonly string OnlySkus = Sql.Replace("{only}", OnlyPredicate, StringComparison.Ordinal);

    private const string Sql = """
        WITH p AS (
            SELECT id, category, product_line_id, karat, unit_cost, net_weight_g FROM products
             WHERE (@product_line::int IS NULL OR product_line_id = @product_line)
               AND (@category::text IS NULL OR category = @category)
               AND (@karat::smallint IS NULL OR karat = @karat)),
        rate AS (
            SELECT DISTINCT ON (karat) karat, buy_per_gram FROM gold_rates WHERE business_date <= @to ORDER BY karat, business_date DESC),
        history AS (
            SELECT s.branch_id, s.product_id,
                   coalesce(sum(s.net_units) FILTER (WHERE s.day < @from), 0) AS opening,
                   min(s.day) AS first_day,
                   max(s.day) FILTER (WHERE s.received_units > 0) AS last_receipt,
                   max(s.day) FILTER (WHERE s.sold_units > 0) AS last_sale
              FROM stock_daily s
             WHERE s.day <= @to AND (@branch::int IS NULL OR s.branch_id = @branch)
               AND s.product_id IN (SELECT id FROM p)
               {only}
             GROUP BY s.branch_id, s.product_id),
        moves AS (
            SELECT s.branch_id, s.product_id, s.day, s.net_units, s.received_units, s.sold_units,
                   h.opening + sum(s.net_units) OVER w AS closing,
                   coalesce(lead(s.day) OVER w, @to + 1) AS next_day
              FROM stock_daily s JOIN history h USING (branch_id, product_id)
             WHERE s.day BETWEEN @from AND @to {only}
            WINDOW w AS (PARTITION BY s.branch_id, s.product_id ORDER BY s.day)),
        per_sku AS (
            SELECT branch_id, product_id,
                   sum(net_units * (@to - day + 1))::numeric AS weighted,
                   sum(net_units) AS net, sum(received_units) AS received, sum(sold_units) AS sold,
                   sum(next_day - day) FILTER (WHERE closing <= 0) AS out_days,
                   min(day) AS first_move
              FROM moves GROUP BY branch_id, product_id)
        SELECT h.branch_id, h.product_id, p.karat,
               p.unit_cost + p.net_weight_g * coalesce(r.buy_per_gram, 0) AS unit_value,
               p.net_weight_g,
               h.opening::bigint,
               h.opening + coalesce(m.weighted, 0) / @days AS average_units,
               (h.opening + coalesce(m.weighted, 0) / @days) * p.net_weight_g AS average_grams,
               (h.opening + coalesce(m.net, 0))::bigint AS closing_units,
               (h.opening + coalesce(m.net, 0)) * p.net_weight_g AS closing_grams,
               coalesce(m.received, 0)::bigint, coalesce(m.sold, 0)::bigint,
               (coalesce(m.out_days, 0)
                 + CASE WHEN h.opening <= 0 AND h.first_day < @from THEN coalesce(m.first_move, @to + 1) - @from ELSE 0 END)::bigint AS stockout_days,
               (@to - greatest(h.first_day, @from) + 1)::bigint AS active_days,
               h.last_sale, h.last_receipt, r.buy_per_gram
          FROM history h
          JOIN p ON p.id = h.product_id
          LEFT JOIN per_sku m USING (branch_id, product_id)
          LEFT JOIN rate r ON r.karat = p.karat
        """;
}
