namespace GoldAnalytics.Domain.Pricing;

/// <summary>The karats the shop trades and their gold purity.</summary>
public static class Karats
{
    /// <summary>Every karat the shop trades, purest first.</summary>
    public static IReadOnlyList<int> All { get; } = [24, 22, 21, 18, 14];

    /// <summary>True when the shop trades this karat.</summary>
    public static bool IsKnown(int karat) => karat is 24 or 22 or 21 or 18 or 14;

    /// <summary>
    /// Share of pure gold relative to 24K, by hallmark fineness (916, 875, 750, 585).
    /// 24K is the reference the day's rate is quoted for, so its purity is 1.
    /// </summary>
    public static decimal Purity(int karat) => karat switch
    {
        24 => 1.000m,
        22 => 0.916m,
        21 => 0.875m,
        18 => 0.750m,
        14 => 0.585m,
        _ => throw new ArgumentOutOfRangeException(nameof(karat), karat, "The shop trades 24K, 22K, 21K, 18K and 14K gold only."),
    };
}
