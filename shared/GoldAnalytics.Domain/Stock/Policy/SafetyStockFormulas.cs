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

    /// <summary>
    /// k·σ_DL for a target fill rate with order quantity Q: the smallest k with fill rate 1 − σ_DL·(G(k) − G(k + Q/σ_DL)) / Q
    /// at least the target. The second term takes off the shortage beyond s + Q, which belongs to the next cycle; without
    /// it a Q large against σ_DL is charged more shortage than a cycle can have, and low targets get too much stock.
    /// </summary>
    public static double ForFillRate(double fillRate, double orderQuantity, double deviationDuringLeadTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(fillRate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fillRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(orderQuantity, 0);
        if (deviationDuringLeadTime <= 0)
        {
            return 0;
        }

        // The fill rate rises with k, from 0 where the whole lead time is short to 1; bisect between.
        double low = -orderQuantity / deviationDuringLeadTime - 8, high = 8;
        for (var i = 0; i < 200 && high - low > 1e-10; i++)
        {
            var mid = (low + high) / 2;
            if (FillRate(mid, orderQuantity, deviationDuringLeadTime) < fillRate)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }
        return high * deviationDuringLeadTime;
    }

    /// <summary>The fill rate of a reorder point k·σ_DL above the lead-time demand with order quantity Q (normal lead-time demand).</summary>
    public static double FillRate(double k, double orderQuantity, double deviationDuringLeadTime) =>
        1 - deviationDuringLeadTime * (NormalLoss.G(k) - NormalLoss.G(k + orderQuantity / deviationDuringLeadTime)) / orderQuantity;

    /// <summary>
    /// The fill rate of whole reorder point s and order quantity Q against normal lead-time demand (mean μ_L, σ_DL);
    /// with no spread, the cycle is short by what the lead time wants beyond s, at most Q.
    /// </summary>
    public static double FillRateAt(int reorderPoint, int orderQuantity, double demandDuringLeadTime, double deviationDuringLeadTime) =>
        deviationDuringLeadTime > 0
            ? FillRate((reorderPoint - demandDuringLeadTime) / deviationDuringLeadTime, orderQuantity, deviationDuringLeadTime)
            : 1 - Math.Clamp(demandDuringLeadTime - reorderPoint, 0, orderQuantity) / orderQuantity;
}
