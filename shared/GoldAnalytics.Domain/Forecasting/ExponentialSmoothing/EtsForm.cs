namespace GoldAnalytics.Domain.Forecasting.ExponentialSmoothing;

/// <summary>How a component enters an exponential smoothing model.</summary>
public enum Component
{
    None,
    Additive,
    Multiplicative,
}

/// <summary>The form of an ETS state space model (error, trend, damping, season), named like R's ets: ETS(M,Ad,M).</summary>
public sealed record EtsForm(Component Error, Component Trend, bool Damped, Component Season)
{
    public string Name => $"ETS({Letter(Error)},{Letter(Trend)}{(Damped ? "d" : "")},{Letter(Season)})";

    public bool HasTrend => Trend != Component.None;

    public bool HasSeason => Season != Component.None;

    /// <summary>Additive error and no multiplicative component: forecast variance has a closed form.</summary>
    public bool IsLinear => Error == Component.Additive && Season != Component.Multiplicative;

    /// <summary>Number of estimated parameters (smoothing, damping and initial states), excluding the error variance.</summary>
    public int ParameterCount(int seasonalPeriod) =>
        2 + (HasTrend ? 2 : 0) + (Damped ? 1 : 0) + (HasSeason ? seasonalPeriod : 0);

    /// <summary>The forms R's ets considers by default (no multiplicative trend, no additive error with multiplicative season).</summary>
    public static IEnumerable<EtsForm> Candidates(bool seasonal, bool positive)
    {
        foreach (var error in positive ? new[] { Component.Additive, Component.Multiplicative } : [Component.Additive])
        {
            foreach (var (trend, damped) in new[] { (Component.None, false), (Component.Additive, false), (Component.Additive, true) })
            {
                foreach (var season in seasonal ? new[] { Component.None, Component.Additive, Component.Multiplicative } : [Component.None])
                {
                    if (season == Component.Multiplicative && (error == Component.Additive || !positive))
                    {
                        continue;
                    }
                    yield return new EtsForm(error, trend, damped, season);
                }
            }
        }
    }

    public static EtsForm Parse(string name)
    {
        var parts = name.Replace("ETS(", "", StringComparison.Ordinal).TrimEnd(')').Split(',');
        return new EtsForm(FromLetter(parts[0]), FromLetter(parts[1][..1]), parts[1].EndsWith('d'), FromLetter(parts[2]));
    }

    private static string Letter(Component c) => c switch
    {
        Component.Additive => "A",
        Component.Multiplicative => "M",
        _ => "N",
    };

    private static Component FromLetter(string s) => s switch
    {
        "A" => Component.Additive,
        "M" => Component.Multiplicative,
        _ => Component.None,
    };
}
