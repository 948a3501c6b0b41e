namespace GoldAnalytics.Domain.Kpis.Customer;

/// <summary>The customer KPI formulas (docs/kpis.md, "Customer").</summary>
public static class CustomerKpis
{
    private const string NoCustomers = "no identified customer bought in the range";

    /// <summary>Acquisition rate = new customers / active customers.</summary>
    public static Measure AcquisitionRate(CustomerTotals t) => Measure.Ratio(t.New, t.Active, NoCustomers);

    /// <summary>Retention = customers active in both the previous period and the range / customers active in the previous period.</summary>
    public static Measure Retention(CustomerTotals t) =>
        Measure.Ratio(t.Retained, t.ActiveBefore, "no identified customer bought in the previous period");

    /// <summary>Churn = 1 − retention.</summary>
    public static Measure Churn(CustomerTotals t) => Retention(t).Map(r => 1m - r);

    /// <summary>Repeat-purchase rate = customers with two or more invoices / active customers.</summary>
    public static Measure RepeatPurchaseRate(CustomerTotals t) => Measure.Ratio(t.Repeat, t.Active, NoCustomers);

    /// <summary>Purchase frequency = invoices / active customers.</summary>
    public static Measure PurchaseFrequency(CustomerTotals t) => Measure.Ratio(t.Invoices, t.Active, NoCustomers);

    /// <summary>Average order value of identified customers = revenue / invoices.</summary>
    public static Measure AverageOrderValue(CustomerTotals t) => Measure.Ratio(t.Revenue, t.Invoices, NoCustomers);

    /// <summary>
    /// Simple lifetime value = average gross profit per customer per year × expected lifetime in years,
    /// lifetime = 1 / annual churn. Input is one year of activity and the year before it.
    /// </summary>
    public static Measure SimpleLifetimeValue(CustomerTotals year)
    {
        var churn = Churn(year);
        if (churn.Value is not { } rate)
        {
            return churn;
        }

        if (rate == 0m)
        {
            return Measure.Undefined("no churn in the year: the expected lifetime is unbounded");
        }

        return Measure.Ratio(year.GrossProfit, year.Active, NoCustomers).Map(perCustomer => perCustomer / rate);
    }
}
