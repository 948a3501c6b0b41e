namespace GoldAnalytics.Domain.Kpis.Trends;

/// <summary>Which way a KPI moved against a comparison period.</summary>
public enum Direction
{
    Up,
    Down,
    Flat,
    Unknown,
}

/// <summary>Percent change and direction between a current and an earlier value.</summary>
public static class Change
{
    /// <summary>(current − earlier) / |earlier|; no number when either is missing or the earlier value is zero.</summary>
    public static Measure Percent(Measure current, Measure earlier)
    {
        if (current.Value is not { } now || earlier.Value is not { } then)
        {
            return Measure.Undefined(current.NullReason ?? earlier.NullReason ?? "no comparison value");
        }

        return then == 0m ? Measure.Undefined("the comparison value is zero") : Measure.Of((now - then) / Math.Abs(then));
    }

    /// <summary>Up, down or flat by the sign of the difference.</summary>
    public static Direction Of(Measure current, Measure earlier) =>
        current.Value is { } now && earlier.Value is { } then
            ? (now - then) switch { > 0 => Direction.Up, < 0 => Direction.Down, _ => Direction.Flat }
            : Direction.Unknown;
}
