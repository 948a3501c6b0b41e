using GoldAnalytics.Domain.Pricing;

namespace GoldAnalytics.Domain.Tests.Pricing;

public sealed class LinePricingTests
{
    private static readonly MakingCharge PerGram = new(MakingChargeType.PerGram, 12.50m);

    [Fact]
    public void Gold_value_is_weight_times_rate_rounded_half_away_from_zero()
    {
        LinePricing.GoldValue(10.125m, 250.20m).Should().Be(2533.28m); // 2533.275
        LinePricing.GoldValue(1.001m, 0.005m).Should().Be(0.01m); // 0.005005
        LinePricing.GoldValue(1m, 0.005m).Should().Be(0.01m); // exact midpoint goes up, not to even
    }

    [Fact]
    public void Per_gram_making_charge_multiplies_the_weight()
    {
        PerGram.For(weightGrams: 7.333m, goldValue: 2000m).Should().Be(91.66m); // 91.6625
    }

    [Fact]
    public void Percent_making_charge_is_a_share_of_the_gold_value()
    {
        new MakingCharge(MakingChargeType.Percent, 8.5m).For(weightGrams: 7.333m, goldValue: 2001.55m).Should().Be(170.13m); // 170.13175
    }

    [Fact]
    public void Line_total_is_gold_plus_making_plus_stones_less_discount_plus_tax_on_the_taxable_amount()
    {
        var price = LinePricing.Price(new LineTerms(
            WeightGrams: 12.345m, RatePerGram: 268.98m, Making: PerGram, StoneValue: 450m, Discount: 100m, TaxRate: 0.05m));

        price.GoldValue.Should().Be(3320.56m); // 3320.5581
        price.MakingCharge.Should().Be(154.31m); // 154.3125
        price.StoneValue.Should().Be(450m);
        price.Discount.Should().Be(100m);
        price.Taxable.Should().Be(3824.87m);
        price.Tax.Should().Be(191.24m); // 191.2435
        price.Total.Should().Be(4016.11m);
    }

    [Fact]
    public void Tax_rounds_after_the_discount_is_taken_off()
    {
        var price = LinePricing.Price(new LineTerms(1m, 100m, new MakingCharge(MakingChargeType.PerGram, 0m), 0m, Discount: 0.10m, TaxRate: 0.05m));

        price.Taxable.Should().Be(99.90m);
        price.Tax.Should().Be(5.00m); // 4.995 rounds away from zero
        price.Total.Should().Be(104.90m);
    }

    [Fact]
    public void Parts_always_add_up_to_the_total_exactly()
    {
        var making = new MakingCharge(MakingChargeType.Percent, 11.25m);
        for (var grams = 0.517m; grams < 60m; grams += 3.731m)
        {
            var price = LinePricing.Price(new LineTerms(grams, 231.17m, making, 33.333m, 1.115m, 0.05m));

            price.Total.Should().Be(price.GoldValue + price.MakingCharge + price.StoneValue - price.Discount + price.Tax);
            decimal.Round(price.Total, 2).Should().Be(price.Total);
        }
    }

    [Fact]
    public void A_discount_larger_than_the_line_is_rejected()
    {
        var price = () => LinePricing.Price(new LineTerms(1m, 100m, PerGram, 0m, Discount: 112.51m, TaxRate: 0m));

        price.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Making_charge_type_reads_and_writes_its_database_name()
    {
        MakingCharge.ParseType("per_gram").Should().Be(MakingChargeType.PerGram);
        MakingCharge.ParseType("percent").Should().Be(MakingChargeType.Percent);
        new MakingCharge(MakingChargeType.Percent, 1m).TypeCode.Should().Be("percent");
        var parse = () => MakingCharge.ParseType("flat");
        parse.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Trade_in_is_valued_at_the_buy_rate_less_the_melting_deduction()
    {
        TradeIn.Value(weightGrams: 15.2m, buyRatePerGram: 263.70m, deductionPercent: 3m).Should().Be(3887.99m); // 3887.9928
    }
}
