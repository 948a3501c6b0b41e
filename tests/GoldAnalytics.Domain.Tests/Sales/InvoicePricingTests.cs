using GoldAnalytics.Domain.Pricing;
using GoldAnalytics.Domain.Sales;

namespace GoldAnalytics.Domain.Tests.Sales;

public sealed class InvoicePricingTests
{
    private static readonly ProductTerms Band = new(1, 22, 5.000m, new MakingCharge(MakingChargeType.PerGram, 10m), 0m, 20m, "ring", 1);
    private static readonly ProductTerms Necklace = new(2, 18, 12.500m, new MakingCharge(MakingChargeType.Percent, 12m), 500m, 300m, "necklace", 1);
    private static readonly Dictionary<int, ProductTerms> Products = new() { [1] = Band, [2] = Necklace };
    private static readonly Dictionary<int, KaratRate> Rates = new() { [22] = new KaratRate(22, 274.8m, 283.96m), [18] = new KaratRate(18, 225m, 232.5m) };

    private static LineEntry Line(int product, int quantity = 1, decimal discount = 0, decimal taxRate = 0, decimal? total = null, decimal? weight = null) =>
        new(product, quantity, weight, null, null, null, discount, taxRate, total);

    [Fact]
    public void A_line_left_unpriced_takes_the_days_sell_rate_the_products_weight_making_charge_and_stones()
    {
        var (invoice, violations) = InvoicePricing.Price([Line(2, quantity: 2, taxRate: 0.05m)], Products, Rates, null);

        violations.Should().BeEmpty();
        var line = invoice!.Lines.Single();
        line.WeightGrams.Should().Be(25.000m);
        line.Price.GoldValue.Should().Be(5812.50m);          // 25 g × 232.5
        line.MakingCharge.Should().Be(697.50m);              // 12% of the gold
        line.Price.StoneValue.Should().Be(1000m);            // 2 × 500
        line.Price.Tax.Should().Be(375.50m);                 // 5% of 7510
        line.LineCost.Should().Be(6225m);                    // 25 g × 225 + 2 × 300
        invoice.Total.Should().Be(line.Price.Total).And.Be(7885.50m);
    }

    [Fact]
    public void The_invoice_totals_are_the_sums_of_its_lines()
    {
        var (invoice, _) = InvoicePricing.Price([Line(1, quantity: 2), Line(2, discount: 100m)], Products, Rates, null);

        invoice!.Subtotal.Should().Be(invoice.Lines.Sum(l => l.Price.Subtotal));
        invoice.Total.Should().Be(invoice.Subtotal - invoice.Discount + invoice.Tax);
        invoice.Lines.Select(l => l.LineNo).Should().Equal(1, 2);
    }

    [Fact]
    public void Every_broken_rule_of_every_line_is_reported_at_once()
    {
        var noRateFor18 = new Dictionary<int, KaratRate> { [22] = Rates[22] };

        var (invoice, violations) = InvoicePricing.Price([Line(1, quantity: 0), Line(9), Line(2), Line(1, weight: -1m)], Products, noRateFor18, null);

        invoice.Should().BeNull();
        violations.Select(v => (v.Field, v.Code)).Should().BeEquivalentTo([
            ("lines[0].quantity", "must_be_positive"), ("lines[1].productId", "unknown_product"),
            ("lines[2].productId", "no_gold_rate"), ("lines[3].weightGrams", "must_be_positive"),
        ]);
    }

    [Fact]
    public void A_total_that_does_not_match_the_lines_is_refused()
    {
        InvoicePricing.Price([Line(1)], Products, Rates, 1m).Violations.Should().ContainSingle(v => v.Code == "totals_inconsistent" && v.Field == "total");
        InvoicePricing.Price([Line(1, total: 1m)], Products, Rates, null).Violations.Should().ContainSingle(v => v.Field == "lines[0].lineTotal");
    }

    [Fact]
    public void A_discount_above_the_line_price_and_an_empty_invoice_are_refused()
    {
        InvoicePricing.Price([Line(1, discount: 5000m)], Products, Rates, null).Violations.Should().ContainSingle(v => v.Code == "discount_exceeds_price");
        InvoicePricing.Price([], Products, Rates, null).Violations.Should().ContainSingle(v => v.Field == "lines");
    }

    [Fact]
    public void Pricing_without_overrides_matches_the_shops_line_pricing()
    {
        var (invoice, _) = InvoicePricing.Price([Line(2, discount: 10m, taxRate: 0.05m)], Products, Rates, null);

        var expected = LinePricing.Price(new LineTerms(12.5m, 232.5m, Necklace.Making, 500m, 10m, 0.05m));
        invoice!.Lines.Single().Price.Should().Be(expected);
    }

    [Theory]
    [InlineData("weightGrams")]
    [InlineData("goldRate")]
    [InlineData("makingCharge")]
    [InlineData("stoneValue")]
    [InlineData("discount")]
    public void An_amount_beyond_what_a_line_can_hold_is_refused_naming_the_field(string field)
    {
        var huge = 79228162514264337593543950335m;
        var line = field switch
        {
            "weightGrams" => Line(1) with { WeightGrams = huge },
            "goldRate" => Line(1) with { GoldRate = huge },
            "makingCharge" => Line(1) with { MakingCharge = huge },
            "stoneValue" => Line(1) with { StoneValue = huge },
            _ => Line(1, discount: huge),
        };

        var (invoice, violations) = InvoicePricing.Price([line], Products, Rates, null);

        invoice.Should().BeNull();
        violations.Should().ContainSingle(v => v.Field == $"lines[0].{field}" && v.Code == "out_of_range");
    }

    [Fact]
    public void A_line_or_an_invoice_pricing_beyond_the_money_columns_is_refused()
    {
        var (_, heavy) = InvoicePricing.Price([Line(1, quantity: int.MaxValue)], Products, Rates, null);
        var (_, dear) = InvoicePricing.Price([Line(1) with { WeightGrams = 1_000_000m, GoldRate = 9_999_999m }], Products, Rates, null);
        var many = Enumerable.Repeat(Line(1) with { WeightGrams = 1_000_000m, GoldRate = 900_000m }, 5).ToList();
        var (_, invoice) = InvoicePricing.Price(many, Products, Rates, null);

        heavy.Should().ContainSingle(v => v.Field == "lines[0].quantity" && v.Code == "out_of_range");
        dear.Should().ContainSingle(v => v.Field == "lines[0]" && v.Code == "out_of_range");
        invoice.Should().ContainSingle(v => v.Field == "lines" && v.Code == "out_of_range");
    }
}
