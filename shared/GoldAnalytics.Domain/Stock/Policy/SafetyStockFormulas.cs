using MathNet.Numerics.Distributions;

namespace GoldAnalytics.Domain.Stock.Policy;

/// <summary>Safety stock against demand and lead-time variability.</summary>
public static class SafetyStockFormulas
{
    /// <summary>σ of demand over the lead time: sqrt(L·σ_d² + d²·σ_L²).</summary>
    public static double DemandDuringLeadTimeDeviation(DemandProfile demand, LeadTime leadTime) =>
        Math.Sqrt(leadTime.MeanPeriods * demand.StandardDeviationPerPeriod * demand.StandardDeviationPerPeriod
            + demand.MeanPerPeriod * demand.MeanPerPeriod * leadTime.StandardDeviationPeriods * leadTime.StandardDeviationPeriods);

    /// <summary>z·σ_DL for a target cycle service level (probability of no stockout in a replenishment cycle), e.g. 0.95.</summary>
    public static double ForCycleServiceLevel(double cycleServiceLevel, double deviationDuringLeadTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(cycleServiceLevel, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cycleServiceLevel, 1);
        return Normal.InvCDF(0, 1, cycleServiceLevel) * deviationDuringLeadTime;
    }

    /// <summary>k·σ_DL for a target fill rate with order quantity Q: k solves G(k) = Q·(1 − fill)/σ_DL.</summary>
    public static double ForFillRate(double fillRate, double orderQuantity, double deviationDuringLeadTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(fillRate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fillRate, 1);
        if (deviationDuringLeadTime <= 0)
        {
            return 0;
        }
        var k = NormalLoss.Inverse(orderQuantity * (1 - fillRate) / deviationDuringLeadTime);
        return k * deviationDuringLeadTime;
    }
}
