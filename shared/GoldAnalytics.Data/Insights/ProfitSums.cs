namespace GoldAnalytics.Data.Insights;

/// <summary>Additive money and unit sums of a rollup slice (the SalesKpis formulas applied in SQL by <see cref="InsightParameters.Money"/>).</summary>
public sealed record ProfitSums(decimal Revenue, decimal NetRevenue, decimal GrossProfit, long Units, long Transactions)
{
    /// <summary>Nothing sold.</summary>
    public static ProfitSums Zero { get; } = new(0m, 0m, 0m, 0, 0);

    public static ProfitSums operator +(ProfitSums a, ProfitSums b) => new(
        a.Revenue + b.Revenue, a.NetRevenue + b.NetRevenue, a.GrossProfit + b.GrossProfit, a.Units + b.Units, a.Transactions + b.Transactions);
}
