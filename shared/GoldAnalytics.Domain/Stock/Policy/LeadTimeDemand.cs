namespace GoldAnalytics.Domain.Stock.Policy;

/// <summary>
/// A discrete distribution of the units wanted over a lead time: <c>Probabilities[n]</c> = P(D = n). Used for slow
/// movers, where a normal approximation misplaces the tail of small integer demand.
/// </summary>
public sealed record LeadTimeDemand(IReadOnlyList<double> Probabilities)
{
    // The Poisson support is cut where the remaining tail is below this: far below any service target's resolution.
    private const double TailCutOff = 1e-10;
    private const int MaximumUnits = 100_000;

    // Gauss–Hermite nodes and weights for E[f(Z)], Z standard normal: integrates over a normal lead time.
    private static readonly (double Z, double Weight)[] LeadTimeNodes =
    [
        (-2.856970013872806, 0.011257411327720691),
        (-1.355626179974266, 0.22207592200561266),
        (0, 0.5333333333333333),
        (1.355626179974266, 0.22207592200561266),
        (2.856970013872806, 0.011257411327720691),
    ];

    /// <summary>E[D].</summary>
    public double Mean => Probabilities.Select((p, n) => p * n).Sum();

    /// <summary>Standard deviation of D.</summary>
    public double StandardDeviation
    {
        get
        {
            var mean = Mean;
            return Math.Sqrt(Math.Max(0, Probabilities.Select((p, n) => p * (n - mean) * (n - mean)).Sum()));
        }
    }

    /// <summary>P(D ≤ units).</summary>
    public double AtMost(int units) => units < 0 ? 0 : Probabilities.Take(units + 1).Sum();

    /// <summary>The discrete loss function E[(D − units)⁺]: units expected short when <paramref name="units"/> are on hand for the lead time.</summary>
    public double ExpectedShortfall(int units) =>
        Probabilities.Select((p, n) => p * Math.Max(0, n - units)).Sum();

    /// <summary>Poisson lead-time demand with the given mean (hand-checkable; single units, fixed lead time).</summary>
    public static LeadTimeDemand Poisson(double mean)
    {
        // e^−λ underflows beyond this; such rates are no slow movers and belong to the normal approximation.
        ArgumentOutOfRangeException.ThrowIfNegative(mean);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mean, 700);
        var probabilities = new List<double> { Math.Exp(-mean) };
        var cumulative = probabilities[0];
        for (var n = 1; n <= MaximumUnits && 1 - cumulative > TailCutOff; n++)
        {
            probabilities.Add(probabilities[^1] * mean / n);
            cumulative += probabilities[^1];
        }
        return new LeadTimeDemand(probabilities);
    }

    /// <summary>
    /// The sum of independent periods' demand, each distributed as <paramref name="perPeriod"/>, over a normally
    /// distributed lead time. A fractional lead time L = n + f mixes n and n + 1 periods with weights 1 − f and f, which
    /// keeps the mean at L times the period's mean.
    /// </summary>
    public static LeadTimeDemand OverPeriods(IReadOnlyList<double> perPeriod, LeadTime leadTime)
    {
        ArgumentOutOfRangeException.ThrowIfZero(perPeriod.Count);
        IEnumerable<(double Weight, double Periods)> nodes = leadTime.StandardDeviationPeriods > 0
            ? LeadTimeNodes.Select(node => (node.Weight, Math.Max(0.1, leadTime.MeanPeriods + node.Z * leadTime.StandardDeviationPeriods)))
            : [(1.0, Math.Max(0, leadTime.MeanPeriods))];
        var powers = new List<double[]> { NoDemand() };
        var mixed = new List<double>();
        foreach (var (weight, periods) in nodes)
        {
            var whole = (int)Math.Floor(periods);
            var fraction = periods - whole;
            Add(mixed, Power(powers, perPeriod, whole), weight * (1 - fraction));
            if (fraction > 0)
            {
                Add(mixed, Power(powers, perPeriod, whole + 1), weight * fraction);
            }
        }
        return new LeadTimeDemand(mixed);
    }

    // The distribution of n periods' demand, convolving once per period not yet computed.
    private static double[] Power(List<double[]> powers, IReadOnlyList<double> perPeriod, int periods)
    {
        while (powers.Count <= periods)
        {
            powers.Add(Convolve(powers[^1], perPeriod));
        }
        return powers[periods];
    }

    // Zero periods want nothing for sure.
    private static double[] NoDemand() => [1.0];

    private static double[] Convolve(double[] left, IReadOnlyList<double> right)
    {
        var result = new double[Math.Min(MaximumUnits, left.Length + right.Count - 1)];
        for (var i = 0; i < left.Length; i++)
        {
            for (var j = 0; j < right.Count && i + j < result.Length; j++)
            {
                result[i + j] += left[i] * right[j];
            }
        }
        return result;
    }

    private static void Add(List<double> total, double[] probabilities, double weight)
    {
        while (total.Count < probabilities.Length)
        {
            total.Add(0);
        }
        for (var n = 0; n < probabilities.Length; n++)
        {
            total[n] += weight * probabilities[n];
        }
    }
}
