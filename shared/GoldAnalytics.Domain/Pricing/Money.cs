namespace GoldAnalytics.Domain.Pricing;

/// <summary>The shop's one rounding rule for money: two decimals, halves away from zero.</summary>
public static class Money
{
    /// <summary>Rounds an amount to two decimals, halves away from zero (2.345 becomes 2.35).</summary>
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
