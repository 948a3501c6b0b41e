using GoldAnalytics.Domain.Kpis.Trends;

namespace GoldAnalytics.Domain.Kpis.Financial;

/// <summary>The financial KPIs the dashboard shows, with the target metric each is measured against.</summary>
public static class FinancialKpis
{
    /// <summary>Every financial KPI, in dashboard order.</summary>
    public static IReadOnlyList<KpiDefinition<SalesTotals>> All { get; } =
    [
        KpiDefinition<SalesTotals>.Amount("revenue", "Revenue", "money", Polarity.HigherIsBetter, SalesKpis.Revenue),
        KpiDefinition<SalesTotals>.Amount("net_revenue", "Net revenue", "money", Polarity.HigherIsBetter, SalesKpis.NetRevenue),
        KpiDefinition<SalesTotals>.Amount("gross_profit", "Gross profit", "money", Polarity.HigherIsBetter, SalesKpis.GrossProfit),
        new("gross_margin", "Gross margin", "ratio", Polarity.HigherIsBetter, SalesKpis.GrossMargin),
        new("cost_ratio", "Cost ratio", "ratio", Polarity.LowerIsBetter, SalesKpis.CostRatio),
        KpiDefinition<SalesTotals>.Amount("discounts", "Discounts", "money", Polarity.LowerIsBetter, t => t.Discounts),
        new("discount_rate", "Discount rate", "ratio", Polarity.LowerIsBetter, SalesKpis.DiscountRate),
        KpiDefinition<SalesTotals>.Amount("tax", "Tax", "money", Polarity.Neutral, t => t.Tax),
        KpiDefinition<SalesTotals>.Amount("refunds", "Refunds", "money", Polarity.LowerIsBetter, t => t.Refunds),
        new("refund_rate", "Refund rate", "ratio", Polarity.LowerIsBetter, SalesKpis.RefundRate),
        KpiDefinition<SalesTotals>.Amount("transactions", "Transactions", "count", Polarity.HigherIsBetter, t => t.Transactions),
        new("average_transaction_value", "Average transaction value", "money", Polarity.HigherIsBetter, SalesKpis.AverageTransactionValue),
        new("units_per_transaction", "Units per transaction", "units", Polarity.HigherIsBetter, SalesKpis.UnitsPerTransaction),
        new("grams_per_transaction", "Grams per transaction", "grams", Polarity.HigherIsBetter, SalesKpis.GramsPerTransaction),
        KpiDefinition<SalesTotals>.Amount("gold_grams_sold", "Gold sold", "grams", Polarity.HigherIsBetter, t => t.Grams),
    ];

    /// <summary>The monthly target metric (targets.metric) a KPI is measured against, if any.</summary>
    public static string? TargetMetric(string kpiCode) => kpiCode switch
    {
        "revenue" => "revenue",
        "gross_profit" => "gross_profit",
        "transactions" => "transactions",
        "average_transaction_value" => "average_transaction_value",
        "gold_grams_sold" => "gold_grams_sold",
        _ => null,
    };
}
