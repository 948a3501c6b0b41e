using Dapper;
using GoldAnalytics.Data.Entry;
using GoldAnalytics.Domain.Pricing;
using GoldAnalytics.Domain.Sales;

namespace GoldAnalytics.Data.Sales;

/// <summary>What pricing and validating a sale needs from the database, read inside the write's transaction.</summary>
public static class SalesFacts
{
    /// <summary>Live products by id with their pricing terms, held (FOR SHARE) so none is deleted or repriced before the write commits.</summary>
    public static async Task<IReadOnlyDictionary<int, ProductTerms>> ProductsAsync(ShopWrite write, IEnumerable<int> ids, CancellationToken cancellationToken)
    {
        var rows = await write.QueryAsync<ProductRow>("""
            SELECT id, karat, net_weight_g AS NetWeight, making_charge_type AS MakingType, making_charge_value AS MakingValue,
                   stone_value AS StoneValue, unit_cost AS UnitCost, category, product_line_id AS ProductLineId
              FROM products WHERE id = ANY(@ids) AND deleted_at IS NULL ORDER BY id FOR SHARE
            """, new { ids = ids.Distinct().ToArray() }, cancellationToken);
        return rows.ToDictionary(r => r.Id, r => new ProductTerms(r.Id, r.Karat, r.NetWeight,
            new MakingCharge(MakingCharge.ParseType(r.MakingType), r.MakingValue), r.StoneValue, r.UnitCost, r.Category, r.ProductLineId));
    }

    /// <summary>The day's rates by karat (empty when none were recorded), held (FOR KEY SHARE) so none is removed before the sale commits.</summary>
    public static async Task<IReadOnlyDictionary<int, KaratRate>> RatesAsync(ShopWrite write, DateOnly day, CancellationToken cancellationToken)
    {
        var rows = await write.QueryAsync<RateRow>(
            "SELECT karat, buy_per_gram AS Buy, sell_per_gram AS Sell FROM gold_rates WHERE business_date = @day ORDER BY karat FOR KEY SHARE",
            new { day }, cancellationToken);
        return rows.ToDictionary(r => (int)r.Karat, r => new KaratRate(r.Karat, r.Buy, r.Sell));
    }

    /// <summary>
    /// Locks the branch's stock rows of these products and lists the ones short of the wanted quantity,
    /// unless the branch allows negative stock. Locking serialises concurrent sales of the same pieces.
    /// </summary>
    public static async Task<IReadOnlyList<(int ProductId, int OnHand)>> ShortagesAsync(ShopWrite write, int branchId, IReadOnlyDictionary<int, int> wanted, CancellationToken cancellationToken)
    {
        var allowsNegative = await write.SingleAsync<bool>("SELECT allow_negative_stock FROM branches WHERE id = @branchId", new { branchId }, cancellationToken);
        var levels = (await write.QueryAsync<(int ProductId, int OnHand)>("""
            SELECT product_id, on_hand FROM stock_levels WHERE branch_id = @branchId AND product_id = ANY(@ids) ORDER BY product_id FOR UPDATE
            """, new { branchId, ids = wanted.Keys.ToArray() }, cancellationToken)).ToDictionary(r => r.ProductId, r => r.OnHand);
        if (allowsNegative)
        {
            return [];
        }

        return [.. wanted.Select(w => (w.Key, levels.GetValueOrDefault(w.Key))).Where(x => x.Item2 < wanted[x.Key])];
    }

    /// <summary>Which of the branch, salesperson and customer exist (and whether the salesperson works at the branch); a live customer is held (FOR SHARE) until the write commits.</summary>
    public static async Task<IReadOnlyList<Violation>> PartiesAsync(ShopWrite write, int branchId, int salespersonId, long? customerId, CancellationToken cancellationToken)
    {
        var found = await write.SingleAsync<PartiesRow>("""
            SELECT EXISTS (SELECT 1 FROM branches WHERE id = @branchId) AS Branch,
                   (SELECT branch_id FROM staff WHERE id = @salespersonId) AS SalespersonBranch,
                   (@customerId::bigint IS NULL OR EXISTS (SELECT 1 FROM customers WHERE id = @customerId AND deleted_at IS NULL FOR SHARE)) AS Customer
            """, new { branchId, salespersonId, customerId }, cancellationToken);
        var violations = new List<Violation>();
        if (found is null || !found.Branch)
        {
            violations.Add(new Violation("branchId", "unknown_branch", $"No branch has id {branchId}."));
        }

        if (found?.SalespersonBranch is null)
        {
            violations.Add(new Violation("salespersonId", "unknown_salesperson", $"No staff member has id {salespersonId}."));
        }
        else if (found.SalespersonBranch != branchId)
        {
            violations.Add(new Violation("salespersonId", "other_branch", $"Staff member {salespersonId} works at branch {found.SalespersonBranch}, not {branchId}."));
        }

        if (found is { Customer: false })
        {
            violations.Add(new Violation("customerId", "unknown_customer", $"No live customer has id {customerId}."));
        }

        return violations;
    }

    private sealed record ProductRow(int Id, short Karat, decimal NetWeight, string MakingType, decimal MakingValue, decimal StoneValue, decimal UnitCost, string Category, int ProductLineId);

    private sealed record RateRow(short Karat, decimal Buy, decimal Sell);

    private sealed record PartiesRow(bool Branch, int? SalespersonBranch, bool Customer);
}
