namespace GoldAnalytics.Domain.Kpis.Operational;

/// <summary>Gold of one karat: grams sold, average and closing grams on hand, and the period-end buy rate.</summary>
public sealed record KaratStock(int Karat, decimal GramsSold, decimal AverageGramsOnHand, decimal ClosingGrams, decimal? BuyRatePerGram);

/// <summary>Gold held per karat and its turnover in grams.</summary>
public sealed record KaratStockResult(int Karat, decimal ClosingGrams, decimal? BuyRatePerGram, decimal? Value, Measure GramsTurnover);

/// <summary>Gold stock in grams by karat, valued at the period-end gold rate (docs/kpis.md, "Gold stock").</summary>
public static class GoldStock
{
    /// <summary>Per karat: closing grams × period-end buy rate, and grams sold / average grams on hand.</summary>
    public static IReadOnlyList<KaratStockResult> ByKarat(IEnumerable<KaratStock> karats) =>
    [
        .. karats.OrderByDescending(k => k.Karat).Select(k => new KaratStockResult(
            k.Karat,
            k.ClosingGrams,
            k.BuyRatePerGram,
            k.BuyRatePerGram is { } rate ? Pricing.Money.Round(k.ClosingGrams * rate) : null,
            Measure.Ratio(k.GramsSold, k.AverageGramsOnHand, "no gold of this karat held in the range"))),
    ];

    /// <summary>The value of all karats; no number when a karat held has no rate for the day.</summary>
    public static Measure TotalValue(IEnumerable<KaratStockResult> karats)
    {
        var list = karats.ToList();
        return list.Any(k => k.ClosingGrams != 0 && k.Value is null)
            ? Measure.Undefined("no gold rate recorded for a karat held at the period end")
            : Measure.Of(list.Sum(k => k.Value ?? 0m));
    }
}
