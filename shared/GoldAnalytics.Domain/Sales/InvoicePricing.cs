using GoldAnalytics.Domain.Pricing;

namespace GoldAnalytics.Domain.Sales;

/// <summary>What the sales floor knows about a product when pricing it.</summary>
public sealed record ProductTerms(int ProductId, int Karat, decimal NetWeightGrams, MakingCharge Making, decimal StoneValue, decimal UnitCost, string Category, int ProductLineId);

/// <summary>A line as entered: only product and quantity are required; other amounts default from the product and the day's rate.</summary>
public sealed record LineEntry(int ProductId, int Quantity, decimal? WeightGrams, decimal? GoldRate, decimal? MakingCharge, decimal? StoneValue, decimal Discount, decimal TaxRate, decimal? LineTotal);

/// <summary>A priced line ready to store, with the terms it was priced on and its cost.</summary>
public sealed record PricedLine(int LineNo, ProductTerms Product, int Quantity, decimal WeightGrams, decimal GoldRate, decimal MakingCharge, LinePrice Price, decimal TaxRate, decimal LineCost);

/// <summary>An invoice's priced lines and totals, or the rules it breaks.</summary>
public sealed record PricedInvoice(IReadOnlyList<PricedLine> Lines, decimal Subtotal, decimal Discount, decimal Tax, decimal Total, decimal Cost);

/// <summary>Prices invoice lines from the day's gold rate and the product's terms, checking every rule a shop expects.</summary>
public static class InvoicePricing
{
    /// <summary>The largest amount a line or an invoice keeps (the money columns hold 12 digits before the point).</summary>
    public const decimal MaxAmount = 999_999_999_999.99m;

    /// <summary>The most gold one line may weigh: a tonne.</summary>
    public const decimal MaxWeightGrams = 1_000_000m;

    /// <summary>The highest gold rate per gram a line may be priced at.</summary>
    public const decimal MaxGoldRate = 10_000_000m;

    /// <summary>
    /// Prices the lines; <paramref name="rates"/> holds the day's rates by karat (a missing karat means no
    /// rate was recorded for the sale date); <paramref name="expectedTotal"/> is checked when given.
    /// </summary>
    public static (PricedInvoice? Invoice, IReadOnlyList<Violation> Violations) Price(
        IReadOnlyList<LineEntry> lines, IReadOnlyDictionary<int, ProductTerms> products, IReadOnlyDictionary<int, KaratRate> rates, decimal? expectedTotal)
    {
        var violations = new List<Violation>();
        if (lines.Count == 0)
        {
            violations.Add(new Violation("lines", "required", "An invoice needs at least one line."));
        }

        var priced = new List<PricedLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (PriceLine(i, lines[i], products, rates, violations) is { } line)
            {
                priced.Add(line);
            }
        }

        if (violations.Count > 0)
        {
            return (null, violations);
        }

        var invoice = new PricedInvoice(priced, priced.Sum(l => l.Price.Subtotal), priced.Sum(l => l.Price.Discount),
            priced.Sum(l => l.Price.Tax), priced.Sum(l => l.Price.Total), priced.Sum(l => l.LineCost));
        if (invoice.Subtotal > MaxAmount || invoice.Cost > MaxAmount)
        {
            violations.Add(new Violation("lines", "out_of_range", $"The lines add up to more than one invoice can hold ({MaxAmount:N2}); split the sale."));
            return (null, violations);
        }

        if (expectedTotal is { } expected && expected != invoice.Total)
        {
            violations.Add(new Violation("total", "totals_inconsistent", $"total is {expected} but the lines add up to {invoice.Total}."));
            return (null, violations);
        }

        return (invoice, violations);
    }

    private static PricedLine? PriceLine(int index, LineEntry entry, IReadOnlyDictionary<int, ProductTerms> products, IReadOnlyDictionary<int, KaratRate> rates, List<Violation> violations)
    {
        var at = $"lines[{index}]";
        var before = violations.Count;
        if (entry.Quantity <= 0)
        {
            violations.Add(new Violation($"{at}.quantity", "must_be_positive", "quantity must be 1 or more."));
        }

        CheckPositive(entry.WeightGrams, MaxWeightGrams, $"{at}.weightGrams", violations);
        CheckPositive(entry.GoldRate, MaxGoldRate, $"{at}.goldRate", violations);
        CheckNotNegative(entry.MakingCharge, $"{at}.makingCharge", violations);
        CheckNotNegative(entry.StoneValue, $"{at}.stoneValue", violations);
        CheckNotNegative(entry.Discount, $"{at}.discount", violations);
        if (entry.TaxRate is < 0 or > 1)
        {
            violations.Add(new Violation($"{at}.taxRate", "out_of_range", "taxRate is a fraction from 0 to 1 (0.05 = 5%)."));
        }

        if (!products.TryGetValue(entry.ProductId, out var product))
        {
            violations.Add(new Violation($"{at}.productId", "unknown_product", $"No live product has id {entry.ProductId}."));
            return null;
        }

        if (!Karats.IsKnown(product.Karat))
        {
            violations.Add(new Violation($"{at}.productId", "unknown_karat", $"The product's karat {product.Karat} is not one the shop trades."));
        }
        else if (!rates.TryGetValue(product.Karat, out _))
        {
            violations.Add(new Violation($"{at}.productId", "no_gold_rate", $"No {product.Karat}K gold rate is recorded for the sale date; enter the day's rates first."));
        }

        if (violations.Count > before)
        {
            return null;
        }

        var rate = rates[product.Karat];
        var weight = entry.WeightGrams ?? product.NetWeightGrams * entry.Quantity;
        if (weight > MaxWeightGrams)
        {
            violations.Add(new Violation($"{at}.quantity", "out_of_range", $"The line weighs {weight} g, more than one line may ({MaxWeightGrams:N0} g)."));
            return null;
        }

        var goldRate = entry.GoldRate ?? rate.SellPerGram;
        var gold = LinePricing.GoldValue(weight, goldRate);
        var making = entry.MakingCharge is { } given ? Money.Round(given) : product.Making.For(weight, gold);
        var stones = Money.Round(entry.StoneValue ?? product.StoneValue * entry.Quantity);
        var discount = Money.Round(entry.Discount);
        if (gold + making + stones > MaxAmount)
        {
            violations.Add(new Violation(at, "out_of_range", $"The line prices to more than one line can hold ({MaxAmount:N2})."));
            return null;
        }

        if (discount > gold + making + stones)
        {
            violations.Add(new Violation($"{at}.discount", "discount_exceeds_price", $"The discount exceeds the line's price of {gold + making + stones}."));
            return null;
        }

        // Same rounding as LinePricing: each part on its own, so the parts add up to the total exactly.
        var price = new LinePrice(gold, making, stones, discount, Money.Round((gold + making + stones - discount) * entry.TaxRate));
        if (entry.LineTotal is { } expected && expected != price.Total)
        {
            violations.Add(new Violation($"{at}.lineTotal", "totals_inconsistent", $"lineTotal is {expected} but the line prices to {price.Total}."));
            return null;
        }

        // The gold is costed at the day's buy rate, the rest at the product's unit cost.
        var cost = Money.Round(weight * rate.BuyPerGram) + Money.Round(product.UnitCost * entry.Quantity);
        return new PricedLine(index + 1, product, entry.Quantity, weight, goldRate, making, price, entry.TaxRate, cost);
    }

    private static void CheckPositive(decimal? value, decimal max, string field, List<Violation> violations)
    {
        if (value is <= 0)
        {
            violations.Add(new Violation(field, "must_be_positive", $"{field} must be greater than 0."));
        }
        else if (value > max)
        {
            violations.Add(new Violation(field, "out_of_range", $"{field} must be at most {max:N0}."));
        }
    }

    private static void CheckNotNegative(decimal? value, string field, List<Violation> violations)
    {
        if (value is < 0)
        {
            violations.Add(new Violation(field, "must_not_be_negative", $"{field} cannot be negative."));
        }
        else if (value > MaxAmount)
        {
            violations.Add(new Violation(field, "out_of_range", $"{field} must be at most {MaxAmount:N2}."));
        }
    }
}
