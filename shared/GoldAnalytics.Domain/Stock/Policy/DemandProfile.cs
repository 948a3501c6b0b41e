namespace GoldAnalytics.Domain.Stock.Policy;

/// <summary>Demand per period (day or week): its forecast mean and the standard deviation of forecast errors.</summary>
public sealed record DemandProfile(double MeanPerPeriod, double StandardDeviationPerPeriod)
{
    /// <summary>Mean from the forecast, variability from the one-step forecast errors (actual − forecast).</summary>
    public static DemandProfile FromForecastErrors(double forecastPerPeriod, IReadOnlyList<double> errors)
    {
        if (errors.Count < 2)
        {
            return new DemandProfile(forecastPerPeriod, 0);
        }
        var mean = errors.Average();
        var variance = errors.Sum(e => (e - mean) * (e - mean)) / (errors.Count - 1);
        return new DemandProfile(forecastPerPeriod, Math.Sqrt(variance + mean * mean));
    }

    /// <summary>Mean and standard deviation of a demand history (when no forecast errors are available).</summary>
    public static DemandProfile FromHistory(IReadOnlyList<double> demand)
    {
        var mean = demand.Average();
        var variance = demand.Count > 1 ? demand.Sum(d => (d - mean) * (d - mean)) / (demand.Count - 1) : 0;
        return new DemandProfile(mean, Math.Sqrt(variance));
    }
}

/// <summary>Supplier lead time in periods: mean and standard deviation, usually from purchase history.</summary>
public sealed record LeadTime(double MeanPeriods, double StandardDeviationPeriods)
{
    /// <summary>From observed lead times of past purchase orders (ordered to received, in periods).</summary>
    public static LeadTime FromPurchaseHistory(IReadOnlyList<double> observed)
    {
        if (observed.Count == 0)
        {
            throw new ArgumentException("No purchase history: give the supplier's quoted lead time instead.", nameof(observed));
        }
        var mean = observed.Average();
        var variance = observed.Count > 1 ? observed.Sum(l => (l - mean) * (l - mean)) / (observed.Count - 1) : 0;
        return new LeadTime(mean, Math.Sqrt(variance));
    }
}
