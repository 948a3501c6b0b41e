namespace GoldAnalytics.Domain.Pricing;

/// <summary>The buy and sell rate per gram of one karat on one day.</summary>
public sealed record KaratRate(int Karat, decimal BuyPerGram, decimal SellPerGram);

/// <summary>Derives the rate of every karat from the day's 24K rates.</summary>
public static class GoldRateSheet
{
    /// <summary>Rate per gram of a karat: the 24K rate times the karat's purity, rounded to money.</summary>
    public static decimal RateFor(int karat, decimal rate24KPerGram) => Money.Round(rate24KPerGram * Karats.Purity(karat));

    /// <summary>The day's rates for every karat the shop trades, from the 24K buy and sell rates.</summary>
    public static IReadOnlyList<KaratRate> Derive(decimal buy24KPerGram, decimal sell24KPerGram)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(buy24KPerGram);
        if (sell24KPerGram < buy24KPerGram)
        {
            throw new ArgumentOutOfRangeException(nameof(sell24KPerGram), sell24KPerGram, "The sell rate cannot be below the buy rate.");
        }

        return [.. Karats.All.Select(k => new KaratRate(k, RateFor(k, buy24KPerGram), RateFor(k, sell24KPerGram)))];
    }
}
