using GoldAnalytics.Domain.Pricing;

namespace GoldAnalytics.Domain.Tests.Pricing;

public sealed class KaratsTests
{
    [Theory]
    [InlineData(24, 1.000)]
    [InlineData(22, 0.916)]
    [InlineData(21, 0.875)]
    [InlineData(18, 0.750)]
    [InlineData(14, 0.585)]
    public void Purity_follows_hallmark_fineness(int karat, double expected) =>
        Karats.Purity(karat).Should().Be((decimal)expected);

    [Theory]
    [InlineData(10)]
    [InlineData(9)]
    [InlineData(0)]
    public void Unknown_karat_is_rejected(int karat)
    {
        var purity = () => Karats.Purity(karat);

        purity.Should().Throw<ArgumentOutOfRangeException>();
        Karats.IsKnown(karat).Should().BeFalse();
    }

    [Fact]
    public void Rates_for_lower_karats_derive_from_the_24K_rate_and_round_to_money()
    {
        var sheet = GoldRateSheet.Derive(buy24KPerGram: 301.37m, sell24KPerGram: 307.41m);

        sheet.Should().Equal(
            new KaratRate(24, 301.37m, 307.41m),
            new KaratRate(22, 276.05m, 281.59m), // 301.37 × 0.916 = 276.05492; 307.41 × 0.916 = 281.58756
            new KaratRate(21, 263.70m, 268.98m), // 263.69875 rounds up; 268.98375
            new KaratRate(18, 226.03m, 230.56m), // 226.0275; 230.5575 (midpoints away from zero)
            new KaratRate(14, 176.30m, 179.83m)); // 176.30145; 179.83485
    }

    [Fact]
    public void A_sell_rate_below_the_buy_rate_is_rejected()
    {
        var derive = () => GoldRateSheet.Derive(300m, 299.99m);

        derive.Should().Throw<ArgumentOutOfRangeException>();
    }
}
