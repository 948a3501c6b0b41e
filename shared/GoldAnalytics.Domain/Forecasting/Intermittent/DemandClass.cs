namespace GoldAnalytics.Domain.Forecasting.Intermittent;

/// <summary>Demand pattern by Syntetos–Boylan: average demand interval (ADI) against squared coefficient of variation of sizes (CV²).</summary>
public enum DemandPattern
{
    Smooth,
    Erratic,
    Intermittent,
    Lumpy,
    NoDemand,
}

/// <summary>A series' demand pattern with the two measures that decide it.</summary>
public sealed record DemandClass(DemandPattern Pattern, double AverageDemandInterval, double SquaredCoefficientOfVariation)
{
    public const double AdiCutOff = 1.32;
    public const double Cv2CutOff = 0.49;

    public bool IsIntermittent => Pattern is DemandPattern.Intermittent or DemandPattern.Lumpy;

    public static DemandClass Of(IReadOnlyList<double> demand)
    {
        var sizes = demand.Where(d => d > 0).ToList();
        if (sizes.Count == 0)
        {
            return new DemandClass(DemandPattern.NoDemand, double.PositiveInfinity, 0);
        }
        var adi = (double)demand.Count / sizes.Count;
        var mean = sizes.Average();
        var variance = sizes.Count > 1 ? sizes.Sum(s => (s - mean) * (s - mean)) / (sizes.Count - 1) : 0;
        var cv2 = variance / (mean * mean);
        var pattern = (adi < AdiCutOff, cv2 < Cv2CutOff) switch
        {
            (true, true) => DemandPattern.Smooth,
            (true, false) => DemandPattern.Erratic,
            (false, true) => DemandPattern.Intermittent,
            _ => DemandPattern.Lumpy,
        };
        return new DemandClass(pattern, adi, cv2);
    }
}
