using MathNet.Numerics.Distributions;

namespace GoldAnalytics.Domain.Stock.Policy;

/// <summary>The standard normal loss function G(k) = φ(k) − k·(1 − Φ(k)): expected units short per unit of σ when stocking k·σ above the mean.</summary>
public static class NormalLoss
{
    public static double G(double k) => Normal.PDF(0, 1, k) - k * (1 - Normal.CDF(0, 1, k));
}
