namespace GoldAnalytics.Domain.Stock.Policy;

/// <summary>
/// A discrete distribution of the units wanted over a lead time: <c>Probabilities[n]</c> = P(D = n). Used for slow
/// movers, where a normal approximation misplaces the tail of small integer demand.
/// </summary>
public sealed record LeadTimeDemand(IReadOnlyList<double> Probabilities)
{
    // The support is cut where the remaining tail is below this: far below any service target's resolution.
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
    public static LeadTimeDemand Poisson(double mean) => CompoundPoisson(mean, [1.0]);

    /// <summary>
    /// Compound Poisson: demand occasions arrive at <paramref name="occasionsPerPeriod"/> a period, each wanting a size
    /// drawn from <paramref name="sizes"/> (observed positive quantities, rounded to whole units), over a normally
    /// distributed lead time.
    /// </summary>
    public static LeadTimeDemand CompoundPoisson(double occasionsPerPeriod, IReadOnlyList<double> sizes, LeadTime leadTime)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(occasionsPerPeriod);
        if (leadTime.StandardDeviationPeriods <= 0)
        {
            return CompoundPoisson(occasionsPerPeriod * leadTime.MeanPeriods, sizes);
        }

        var parts = LeadTimeNodes
            .Select(node => (node.Weight, Demand: CompoundPoisson(occasionsPerPeriod * Math.Max(0.1, leadTime.MeanPeriods + node.Z * leadTime.StandardDeviationPeriods), sizes)))
            .ToList();
        var mixed = new double[parts.Max(p => p.Demand.Probabilities.Count)];
        foreach (var (weight, demand) in parts)
        {
            for (var n = 0; n < demand.Probabilities.Count; n++)
            {
                mixed[n] += weight * demand.Probabilities[n];
            }
        }
        return new LeadTimeDemand(mixed);
    }

    // Panjer's recursion: f(0) = e^−λ, f(n) = λ/n · Σ_j j·g(j)·f(n − j) for sizes g on 1, 2, ...
    private static LeadTimeDemand CompoundPoisson(double occasions, IReadOnlyList<double> sizes)
    {
        // e^−λ underflows beyond this; such rates are no slow movers and belong to the normal approximation.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(occasions, 700);
        var size = SizeDistribution(sizes);
        var probabilities = new List<double> { Math.Exp(-occasions) };
        var cumulative = probabilities[0];
        for (var n = 1; n <= MaximumUnits && 1 - cumulative > TailCutOff; n++)
        {
            var sum = 0.0;
            for (var j = 1; j <= Math.Min(n, size.Length - 1); j++)
            {
                sum += j * size[j] * probabilities[n - j];
            }
            var p = occasions / n * sum;
            probabilities.Add(p);
            cumulative += p;
        }
        return new LeadTimeDemand(probabilities);
    }

    private static double[] SizeDistribution(IReadOnlyList<double> sizes)
    {
        var units = sizes.Select(s => (int)Math.Max(1, Math.Round(s))).ToList();
        if (units.Count == 0)
        {
            units.Add(1);
        }
        var distribution = new double[units.Max() + 1];
        foreach (var u in units)
        {
            distribution[u] += 1.0 / units.Count;
        }
        return distribution;
    }
}
