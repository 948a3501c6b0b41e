using GoldAnalytics.Domain.Kpis.Customer;
using GoldAnalytics.Domain.Kpis.Periods;

namespace GoldAnalytics.Data.Kpis.Customers;

/// <summary>Customer totals of a range from the ledger: the same definitions as <see cref="CustomerTotalsQuery"/>.</summary>
public static class LedgerTotals
{
    /// <summary>The customer totals of the range; "before" is the range's previous period. New customers of a branch first bought there.</summary>
    public static CustomerTotals Totals(CustomerLedger ledger, int? branch, DateRange range, DateRange before)
    {
        var current = ledger.Activity(branch, range);
        var previous = ledger.Activity(branch, before);
        return new CustomerTotals(
            current.Active, ledger.First.NewIn(range.From, range.To, branch), current.Repeat, current.Invoices,
            current.NetCents / 100m, current.ProfitCents / 100m, previous.Active, current.ActiveInBoth(previous));
    }
}
