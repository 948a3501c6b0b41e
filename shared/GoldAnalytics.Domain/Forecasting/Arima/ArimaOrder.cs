namespace GoldAnalytics.Domain.Forecasting.Arima;

/// <summary>A SARIMA order (p,d,q)(P,D,Q)m with or without a constant (mean or drift).</summary>
public sealed record ArimaOrder(int P, int D, int Q, int SeasonalP, int SeasonalD, int SeasonalQ, int Period, bool Constant)
{
    public string Name => (SeasonalP + SeasonalD + SeasonalQ > 0 ? $"ARIMA({P},{D},{Q})({SeasonalP},{SeasonalD},{SeasonalQ})[{Period}]" : $"ARIMA({P},{D},{Q})")
        + (Constant ? (D + SeasonalD == 0 ? " with mean" : " with drift") : "");

    public int CoefficientCount => P + Q + SeasonalP + SeasonalQ + (Constant ? 1 : 0);
}
