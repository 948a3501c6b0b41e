namespace GoldAnalytics.Domain.Pricing;

/// <summary>Values old gold bought back from a customer.</summary>
public static class TradeIn
{
    /// <summary>Weight × the day's buy rate for the karat, less the melting-loss deduction (percent), rounded to money.</summary>
    public static decimal Value(decimal weightGrams, decimal buyRatePerGram, decimal deductionPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(weightGrams);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(buyRatePerGram);
        if (deductionPercent is < 0 or >= 100)
        {
            throw new ArgumentOutOfRangeException(nameof(deductionPercent), deductionPercent, "The deduction is a percentage from 0 up to 100.");
        }

        return Money.Round(weightGrams * buyRatePerGram * (100m - deductionPercent) / 100m);
    }
}
