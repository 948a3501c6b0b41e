using GoldAnalytics.Domain.Pricing;

namespace GoldAnalytics.Data.DemoData;

/// <summary>The day's gold rates: a 24K random walk with upward drift, a buy/sell spread, and every karat derived from it.</summary>
public sealed class GoldMarket(DemoRandom random)
{
    private const double DailyDrift = 0.0005;
    private const double DailyVolatility = 0.009;
    private const decimal HalfSpread = 0.012m;
    private double _mid24K = 216.0;

    /// <summary>Moves the market one day and returns the day's rate sheet.</summary>
    public DayRates Next()
    {
        _mid24K = Math.Max(50.0, _mid24K * (1 + DailyDrift + (DailyVolatility * random.Normal())));
        var mid = (decimal)Math.Round(_mid24K, 4);
        var sheet = GoldRateSheet.Derive(Money.Round(mid * (1 - HalfSpread)), Money.Round(mid * (1 + HalfSpread)));
        return new DayRates(sheet);
    }
}

/// <summary>One day's buy and sell rates per karat.</summary>
public sealed class DayRates(IReadOnlyList<KaratRate> sheet)
{
    /// <summary>The rates of every karat.</summary>
    public IReadOnlyList<KaratRate> Sheet => sheet;

    /// <summary>The rates of one karat.</summary>
    public KaratRate For(int karat) => karat switch
    {
        24 => sheet[0],
        22 => sheet[1],
        21 => sheet[2],
        18 => sheet[3],
        14 => sheet[4],
        _ => throw new ArgumentOutOfRangeException(nameof(karat), karat, "Unknown karat."),
    };
}
