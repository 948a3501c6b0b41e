using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;

namespace GoldAnalytics.Data.Tests.Kpis;

public sealed class InventoryKpiEngineTests : KpiEngineTestBase
{
    private static readonly DateRange January = new(new(2024, 1, 1), new(2024, 1, 31));

    [Fact]
    public async Task Ten_rings_received_before_january_and_sold_on_the_eleventh()
    {
        await Shop.SetBuyRateAsync(new(2024, 1, 31), 22, 200m);
        await Shop.MoveStockAsync(new(2023, 12, 20), ShopFixture.Downtown, ShopFixture.Ring22, "receipt", 10);
        var invoice = await Shop.SellAsync(new(2024, 1, 11), ShopFixture.Downtown, ShopFixture.Ring22, 15_000m, 0m, 0m, 11_000m, quantity: 10);
        await Shop.MoveStockAsync(new(2024, 1, 11), ShopFixture.Downtown, ShopFixture.Ring22, "sale", -10, invoice);

        var report = await Inventory.KpisAsync(KpiFilter.All, January, InventorySettings.Default);

        // A ring costs 100 + 5 g × 200 = 1100. Ten on hand for 10 days, none for 21: average 100/31 rings.
        report.Totals.AverageInventoryValue.Should().BeApproximately(100m / 31m * 1_100m, 0.000001m);
        report.Totals.OpeningUnits.Should().Be(10);
        report.Totals.SoldUnits.Should().Be(10);
        report.Totals.StockoutSkuDays.Should().Be(21);
        report.Totals.ActiveSkuDays.Should().Be(31);
        Value(report, "inventory_turnover").Should().BeApproximately(3.1m, 0.0000001m);
        Value(report, "sell_through").Should().Be(1m);
        Value(report, "stockout_frequency").Should().Be(21m / 31m);
        Value(report, "dead_stock_share").Should().BeNull();
        report.GoldStock.Should().ContainSingle(k => k.Karat == 22 && k.ClosingGrams == 0m);
    }

    [Fact]
    public async Task Stock_never_sold_is_dead_and_valued_at_the_period_end_rate()
    {
        await Shop.SetBuyRateAsync(new(2024, 1, 15), 24, 250m);
        await Shop.SetBuyRateAsync(new(2024, 2, 1), 24, 999m);
        await Shop.MoveStockAsync(new(2024, 1, 2), ShopFixture.Mall, ShopFixture.Coin24, "receipt", 3);

        var report = await Inventory.KpisAsync(KpiFilter.All, January, InventorySettings.Default);

        Value(report, "dead_stock_share").Should().Be(1m);
        Value(report, "sell_through").Should().Be(0m);
        Value(report, "days_of_inventory").Should().BeNull();
        report.Kpis.Single(k => k.Code == "days_of_inventory").NullReason.Should().Be("nothing sold in the range");
        report.GoldStock.Single(k => k.Karat == 24).Value.Should().Be(7_500m); // 30 g at the 15 January rate
        report.Totals.ActiveSkuDays.Should().Be(30);
        report.Ageing[0].Value.Should().Be(3m * (20m + 10m * 250m));
    }

    private static decimal? Value(InventoryKpiReport report, string code) => report.Kpis.Single(k => k.Code == code).Value;
}
