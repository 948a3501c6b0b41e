using GoldAnalytics.Domain.Kpis.Operational;

namespace GoldAnalytics.Domain.Tests.Kpis.Operational;

public sealed class InventoryKpisTests
{
    // 30 days: sold 60 000 at cost with 20 000 profit; average stock at cost 120 000;
    // 100 pieces at the start, 50 received, 60 sold; 45 of 900 SKU-days out of stock.
    private static readonly InventoryTotals Month = new(30, 60_000m, 20_000m, 120_000m, 100, 50, 60, 45, 900);

    [Fact]
    public void Turnover_is_cost_of_goods_sold_over_average_stock()
    {
        InventoryKpis.Turnover(Month).Value.Should().Be(0.5m);
        InventoryKpis.AnnualisedTurnover(Month).Value.Should().Be(0.5m * 365m / 30m);
    }

    [Fact]
    public void Days_of_inventory_is_average_stock_over_daily_cost_of_goods_sold()
    {
        InventoryKpis.DaysOfInventory(Month).Value.Should().Be(60m);
    }

    [Fact]
    public void Sell_through_is_sold_over_opening_plus_received()
    {
        InventoryKpis.SellThrough(Month).Value.Should().Be(0.4m);
    }

    [Fact]
    public void Gmroi_is_gross_profit_over_average_stock()
    {
        InventoryKpis.Gmroi(Month).Value.Should().Be(20_000m / 120_000m);
    }

    [Fact]
    public void Stockout_frequency_is_out_of_stock_sku_days_over_active_sku_days()
    {
        InventoryKpis.StockoutFrequency(Month).Value.Should().Be(0.05m);
    }

    [Fact]
    public void Carrying_cost_prorates_the_annual_rate_over_the_days()
    {
        InventoryKpis.CarryingCost(Month, 0.20m).Should().Be(120_000m * 0.20m * 30m / 365m);
        var negative = () => InventoryKpis.CarryingCost(Month, -0.1m);
        negative.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Without_stock_or_sales_the_ratios_have_reasons()
    {
        var nothing = new InventoryTotals(30, 0, 0, 0, 0, 0, 0, 0, 0);

        InventoryKpis.Turnover(nothing).NullReason.Should().Be("no stock held in the range");
        InventoryKpis.DaysOfInventory(nothing).NullReason.Should().Be("nothing sold in the range");
        InventoryKpis.SellThrough(nothing).HasValue.Should().BeFalse();
        InventoryKpis.StockoutFrequency(nothing).HasValue.Should().BeFalse();
    }
}
