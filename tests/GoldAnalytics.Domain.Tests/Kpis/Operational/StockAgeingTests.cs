using GoldAnalytics.Domain.Kpis.Operational;

namespace GoldAnalytics.Domain.Tests.Kpis.Operational;

public sealed class StockAgeingTests
{
    private static readonly DateOnly AsOf = new(2024, 6, 30);

    private static readonly StockItem[] Stock =
    [
        new(1, 1, 2, 1_000m, LastSale: new(2024, 6, 20), LastReceipt: new(2024, 6, 1)),   // age 29
        new(1, 2, 1, 3_000m, LastSale: new(2024, 1, 5), LastReceipt: new(2024, 2, 1)),    // age 150, dead
        new(1, 3, 4, 4_000m, LastSale: null, LastReceipt: new(2023, 5, 1)),               // age 426, dead
        new(1, 4, 0, 9_999m, LastSale: null, LastReceipt: null),                          // nothing on hand
        new(2, 1, 1, 2_000m, LastSale: new(2024, 4, 1), LastReceipt: null),               // opening balance, oldest
    ];

    [Fact]
    public void Dead_stock_share_is_the_value_not_sold_in_n_days_over_all_stock()
    {
        // Dead at 90 days: products 2 and 3 and branch 2's piece (last sold 1 April, 90 days before).
        StockAgeing.DeadStockShare(Stock, AsOf, 90).Value.Should().Be(9_000m / 10_000m);
        // At 180 days (cut-off 2 January) only the never-sold product 3 is dead.
        StockAgeing.DeadStockShare(Stock, AsOf, 180).Value.Should().Be(4_000m / 10_000m);
    }

    [Fact]
    public void Ageing_buckets_split_stock_by_days_since_receipt()
    {
        var buckets = StockAgeing.Buckets(Stock, AsOf);

        buckets.Select(b => (b.MinDays, b.MaxDays, b.Value)).Should().Equal(
            (0, (int?)90, 1_000m), (91, 180, 3_000m), (181, 365, 0m), (366, null, 6_000m));
        buckets.Sum(b => b.Share.Value!.Value).Should().Be(1m);
    }

    [Fact]
    public void No_stock_means_no_dead_stock_share()
    {
        StockAgeing.DeadStockShare([], AsOf, 90).NullReason.Should().Be("no stock on hand");
    }

    [Fact]
    public void Gold_stock_is_valued_per_karat_at_the_period_end_rate()
    {
        var karats = GoldStock.ByKarat(
        [
            new KaratStock(22, GramsSold: 500m, AverageGramsOnHand: 1_000m, ClosingGrams: 950.5m, BuyRatePerGram: 250.1234m),
            new KaratStock(18, GramsSold: 0m, AverageGramsOnHand: 0m, ClosingGrams: 0m, BuyRatePerGram: null),
        ]);

        karats[0].Value.Should().Be(237_742.29m); // 237 742.29167
        karats[0].GramsTurnover.Value.Should().Be(0.5m);
        karats[1].GramsTurnover.HasValue.Should().BeFalse();
        GoldStock.TotalValue(karats).Value.Should().Be(237_742.29m);
    }

    [Fact]
    public void Gold_stock_value_is_unknown_when_a_held_karat_has_no_rate()
    {
        var karats = GoldStock.ByKarat([new KaratStock(21, 0m, 10m, 10m, null)]);

        GoldStock.TotalValue(karats).HasValue.Should().BeFalse();
    }
}
