using GoldAnalytics.Domain.Kpis.Trends;

namespace GoldAnalytics.Domain.Kpis.Customer;

/// <summary>The customer KPIs shown as cards.</summary>
public static class CustomerKpiCatalogue
{
    /// <summary>Every customer KPI card, in dashboard order.</summary>
    public static IReadOnlyList<KpiDefinition<CustomerTotals>> All { get; } =
    [
        KpiDefinition<CustomerTotals>.Amount("active_customers", "Active customers", "count", Polarity.HigherIsBetter, t => t.Active),
        KpiDefinition<CustomerTotals>.Amount("new_customers", "New customers", "count", Polarity.HigherIsBetter, t => t.New),
        new("acquisition_rate", "Acquisition rate", "ratio", Polarity.HigherIsBetter, CustomerKpis.AcquisitionRate),
        new("retention", "Retention", "ratio", Polarity.HigherIsBetter, CustomerKpis.Retention),
        new("churn", "Churn", "ratio", Polarity.LowerIsBetter, CustomerKpis.Churn),
        new("repeat_purchase_rate", "Repeat-purchase rate", "ratio", Polarity.HigherIsBetter, CustomerKpis.RepeatPurchaseRate),
        new("purchase_frequency", "Purchase frequency", "invoices per customer", Polarity.HigherIsBetter, CustomerKpis.PurchaseFrequency),
        new("average_order_value", "Average order value", "money", Polarity.HigherIsBetter, CustomerKpis.AverageOrderValue),
    ];
}
