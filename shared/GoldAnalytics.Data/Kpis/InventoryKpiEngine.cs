using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Financial;
using GoldAnalytics.Domain.Kpis.Operational;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Kpis;

/// <summary>Settings of the inventory KPIs.</summary>
public sealed record InventorySettings(decimal AnnualCarryingRate = 0.20m, int DeadStockDays = 180)
{
    /// <summary>20 % a year to carry stock; dead after 180 days without a sale.</summary>
    public static InventorySettings Default { get; } = new();
}

/// <summary>One inventory KPI value.</summary>
public sealed record InventoryKpi(string Code, string Name, string Unit, decimal? Value, string? NullReason);

/// <summary>The operational KPIs of a range: turnover, days of inventory, sell-through, GMROI, stockouts, carrying cost, dead stock, ageing, gold stock.</summary>
public sealed record InventoryKpiReport(
    DateRange Range,
    KpiFilter Filter,
    long DataVersion,
    InventoryTotals Totals,
    IReadOnlyList<InventoryKpi> Kpis,
    IReadOnlyList<AgeingBucket> Ageing,
    IReadOnlyList<KaratStockResult> GoldStock,
    decimal? GoldStockValue);

/// <summary>Inventory KPIs from stock_daily and the sales rollups (COGS and gross profit from the financial engine).</summary>
public sealed class InventoryKpiEngine(NpgsqlDataSource dataSource, FinancialKpiEngine sales)
{
    private readonly ResultCache _results = new();
    private readonly InventorySkuCache _skus = new();

    /// <summary>Every inventory KPI for the range and filter (salesperson does not apply to stock).</summary>
    public async Task<InventoryKpiReport> KpisAsync(KpiFilter filter, DateRange range, InventorySettings settings, CancellationToken cancellationToken = default)
    {
        var stockFilter = filter with { SalespersonId = null };
        var (salesTotals, version) = await sales.TotalsWithVersionAsync(stockFilter, range, cancellationToken);
        var key = (nameof(KpisAsync), stockFilter, range, settings);
        if (_results.TryGet<InventoryKpiReport>(key, version, out var cached))
        {
            return cached;
        }

        var skus = await SkusAsync(stockFilter, range, cancellationToken);
        var totals = new InventoryTotals(
            range.Days,
            SalesKpis.CostOfGoodsSold(salesTotals),
            SalesKpis.GrossProfit(salesTotals),
            skus.Sum(s => s.AverageUnits * s.UnitValue),
            skus.Sum(s => s.OpeningUnits),
            skus.Sum(s => s.ReceivedUnits),
            skus.Sum(s => s.SoldUnits),
            skus.Sum(s => s.StockoutDays),
            skus.Sum(s => s.ActiveDays));
        var stock = skus.Select(s => new StockItem(s.BranchId, s.ProductId, s.ClosingUnits, s.ClosingUnits * s.UnitValue, s.LastSale, s.LastReceipt)).ToList();
        var gold = GoldStock.ByKarat(skus.GroupBy(s => s.Karat).Select(g => new KaratStock(
            g.Key, g.Sum(s => s.SoldUnits * s.UnitGrams), g.Sum(s => s.AverageGrams), g.Sum(s => s.ClosingGrams), g.First().BuyRate)));
        var goldValue = Domain.Kpis.Operational.GoldStock.TotalValue(gold);
        var report = new InventoryKpiReport(range, stockFilter, version, totals,
        [
            Kpi("inventory_turnover", "Inventory turnover", "turns", InventoryKpis.Turnover(totals)),
            Kpi("annualised_turnover", "Inventory turnover (annualised)", "turns per year", InventoryKpis.AnnualisedTurnover(totals)),
            Kpi("days_of_inventory", "Days of inventory", "days", InventoryKpis.DaysOfInventory(totals)),
            Kpi("sell_through", "Sell-through", "ratio", InventoryKpis.SellThrough(totals)),
            Kpi("gmroi", "GMROI", "ratio", InventoryKpis.Gmroi(totals)),
            Kpi("stockout_frequency", "Stockout frequency", "ratio", InventoryKpis.StockoutFrequency(totals)),
            Kpi("carrying_cost", "Carrying cost", "money", Measure.Of(Domain.Pricing.Money.Round(InventoryKpis.CarryingCost(totals, settings.AnnualCarryingRate)))),
            Kpi("dead_stock_share", "Dead-stock share", "ratio", StockAgeing.DeadStockShare(stock, range.To, settings.DeadStockDays)),
            Kpi("average_inventory_value", "Average inventory at cost", "money", Measure.Of(Domain.Pricing.Money.Round(totals.AverageInventoryValue))),
        ],
            StockAgeing.Buckets(stock, range.To),
            gold,
            goldValue.Value);
        _results.Set(key, version, report);
        return report;
    }

    // The SKU cache is brought up to the gate's version under the gate's lock.
    private async Task<IReadOnlyCollection<InventoryQuery.SkuStock>> SkusAsync(KpiFilter filter, DateRange range, CancellationToken cancellationToken)
    {
        await sales.Gate.Lock.WaitAsync(cancellationToken);
        try
        {
            var version = await sales.Gate.EnsureFreshAsync(cancellationToken);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return [.. await _skus.GetAsync(connection, filter, range, version, cancellationToken)];
        }
        finally
        {
            sales.Gate.Lock.Release();
        }
    }

    private static InventoryKpi Kpi(string code, string name, string unit, Measure measure) => new(code, name, unit, measure.Value, measure.NullReason);
}
