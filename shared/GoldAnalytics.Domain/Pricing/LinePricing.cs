namespace GoldAnalytics.Domain.Pricing;

/// <summary>What prices an invoice line: the gold, its rate, the making terms, stones, discount and tax rate.</summary>
/// <param name="WeightGrams">Total net gold weight of the line (quantity × weight per piece).</param>
/// <param name="RatePerGram">The day's sell rate per gram for the line's karat.</param>
/// <param name="Making">The product's making charge terms.</param>
/// <param name="StoneValue">Total value of the stones on the line.</param>
/// <param name="Discount">Discount in money, taken off before tax.</param>
/// <param name="TaxRate">Tax as a fraction of the taxable amount (0.05 = 5%).</param>
public sealed record LineTerms(decimal WeightGrams, decimal RatePerGram, MakingCharge Making, decimal StoneValue, decimal Discount, decimal TaxRate);

/// <summary>A priced invoice line; <see cref="Total"/> = gold + making + stones − discount + tax.</summary>
public sealed record LinePrice(decimal GoldValue, decimal MakingCharge, decimal StoneValue, decimal Discount, decimal Tax)
{
    /// <summary>Gold, making and stones before discount.</summary>
    public decimal Subtotal => GoldValue + MakingCharge + StoneValue;

    /// <summary>What tax is charged on: the subtotal less the discount.</summary>
    public decimal Taxable => Subtotal - Discount;

    /// <summary>What the customer pays for the line.</summary>
    public decimal Total => Taxable + Tax;
}

/// <summary>Prices invoice lines from the day's gold rate.</summary>
public static class LinePricing
{
    /// <summary>Prices one line; every amount is rounded to money on its own, so the parts add up to the total exactly.</summary>
    public static LinePrice Price(LineTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(terms.WeightGrams);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(terms.RatePerGram);
        ArgumentOutOfRangeException.ThrowIfNegative(terms.StoneValue);
        ArgumentOutOfRangeException.ThrowIfNegative(terms.Discount);
        ArgumentOutOfRangeException.ThrowIfNegative(terms.TaxRate);

        var gold = GoldValue(terms.WeightGrams, terms.RatePerGram);
        var making = terms.Making.For(terms.WeightGrams, gold);
        var stones = Money.Round(terms.StoneValue);
        var discount = Money.Round(terms.Discount);
        if (discount > gold + making + stones)
        {
            throw new ArgumentOutOfRangeException(nameof(terms), discount, "The discount cannot exceed the line's gold, making and stones.");
        }

        var tax = Money.Round((gold + making + stones - discount) * terms.TaxRate);
        return new LinePrice(gold, making, stones, discount, tax);
    }

    /// <summary>Gold value: weight times the rate per gram for the karat, rounded to money.</summary>
    public static decimal GoldValue(decimal weightGrams, decimal ratePerGram) => Money.Round(weightGrams * ratePerGram);
}
