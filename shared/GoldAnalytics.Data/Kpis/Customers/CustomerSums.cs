namespace GoldAnalytics.Data.Kpis.Customers;

/// <summary>One customer's sums over a range: invoices, net revenue, gross profit, last day with a row and last day with an invoice.</summary>
public sealed record CustomerSums(long CustomerId, long Invoices, decimal NetRevenue, decimal GrossProfit, DateOnly LastDay, DateOnly? LastPurchase)
{
    /// <summary>Per customer with at least one invoice in the range (at the branch, when given).</summary>
    public static List<CustomerSums> Of(CustomerLedger ledger, int? branch, DateOnly from, DateOnly to)
    {
        var n = ledger.Count;
        var invoices = new long[n];
        var net = new long[n];
        var profit = new long[n];
        var last = new DateOnly?[n];
        var lastPurchase = new DateOnly?[n];
        foreach (var (day, rows) in ledger.Days(from, to))
        {
            for (var i = 0; i < rows.Customers.Length; i++)
            {
                if (branch is null || rows.Branches[i] == branch)
                {
                    var c = rows.Customers[i];
                    invoices[c] += rows.Invoices[i];
                    net[c] += rows.NetCents[i];
                    profit[c] += rows.ProfitCents[i];
                    last[c] = day;
                    lastPurchase[c] = rows.Invoices[i] > 0 ? day : lastPurchase[c];
                }
            }
        }

        var sums = new List<CustomerSums>();
        for (var c = 0; c < n; c++)
        {
            if (invoices[c] > 0)
            {
                sums.Add(new CustomerSums(ledger.IdOf(c), invoices[c], net[c] / 100m, profit[c] / 100m, last[c]!.Value, lastPurchase[c]));
            }
        }

        return sums;
    }
}
