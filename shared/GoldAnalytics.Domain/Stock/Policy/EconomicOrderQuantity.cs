namespace GoldAnalytics.Domain.Stock.Policy;

/// <summary>Economic order quantity sqrt(2·D·S / (h·c)): annual demand D, cost per order S, holding rate h per year, unit cost c.</summary>
public static class EconomicOrderQuantity
{
    public static double Of(double annualDemand, decimal orderCost, decimal unitCost, double annualHoldingRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(annualDemand);
        var holding = (double)unitCost * annualHoldingRate;
        if (annualDemand == 0)
        {
            return 0;
        }
        if (holding <= 0)
        {
            throw new ArgumentException("Holding cost per unit must be positive (unit cost × holding rate).", nameof(annualHoldingRate));
        }
        return Math.Sqrt(2 * annualDemand * (double)orderCost / holding);
    }
}
