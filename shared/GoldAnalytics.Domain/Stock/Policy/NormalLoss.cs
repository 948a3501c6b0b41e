using MathNet.Numerics.Distributions;

namespace GoldAnalytics.Domain.Stock.Policy;

/// <summary>The standard normal loss function G(k) = φ(k) − k·(1 − Φ(k)): expected units short per unit of σ when stocking k·σ above the mean.</summary>
public static class NormalLoss
{
    public static double G(double k) => Normal.PDF(0, 1, k) - k * (1 - Normal.CDF(0, 1, k));

    /// <summary>The k with G(k) = <paramref name="loss"/> (G is decreasing); clamped to [−4, 6].</summary>
    public static double Inverse(double loss)
    {
        if (loss >= G(-4))
        {
            return -4;
        }
        if (loss <= G(6))
        {
            return 6;
        }
        double low = -4, high = 6;
        for (var i = 0; i < 100 && high - low > 1e-10; i++)
        {
            var mid = (low + high) / 2;
            if (G(mid) > loss)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }
        return (low + high) / 2;
    }
}
