namespace GoldAnalytics.Domain.Kpis.Customer;

/// <summary>Counts of customers for a range and the period before it, the input of the customer KPIs.</summary>
/// <param name="Active">Customers with at least one invoice in the range.</param>
/// <param name="New">Customers whose first invoice ever falls in the range.</param>
/// <param name="Repeat">Customers with at least two invoices in the range.</param>
/// <param name="Invoices">Invoices with a customer in the range.</param>
/// <param name="Revenue">Revenue of those invoices (tax excluded, after discounts).</param>
/// <param name="GrossProfit">Gross profit of those invoices.</param>
/// <param name="ActiveBefore">Customers with at least one invoice in the previous period.</param>
/// <param name="Retained">Customers active both in the previous period and in the range.</param>
public sealed record CustomerTotals(
    long Active,
    long New,
    long Repeat,
    long Invoices,
    decimal Revenue,
    decimal GrossProfit,
    long ActiveBefore,
    long Retained);
