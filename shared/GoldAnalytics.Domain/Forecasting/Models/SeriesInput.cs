namespace GoldAnalytics.Domain.Forecasting.Models;

/// <summary>A festival or holiday (Diwali, Eid, Akshaya Tritiya, wedding season ...): whether it falls in each period of the history and the horizon.</summary>
public sealed record Festival(string Name, IReadOnlyList<bool> Active);

/// <summary>A demand history (oldest first) with its seasonal period (12 monthly, 52 weekly, 1 none) and optional festival calendar.</summary>
public sealed record SeriesInput(IReadOnlyList<double> Values, int SeasonalPeriod, IReadOnlyList<Festival>? Festivals = null)
{
    public int Length => Values.Count;

    public double[] ToArray() => [.. Values];

    public bool IsConstant()
    {
        for (var i = 1; i < Values.Count; i++)
        {
            if (Math.Abs(Values[i] - Values[0]) > 1e-12 * Math.Max(1, Math.Abs(Values[0])))
            {
                return false;
            }
        }
        return true;
    }

    public bool IsAllZeros() => Values.All(v => v == 0);

    public bool IsStrictlyPositive() => Values.All(v => v > 0);
}
