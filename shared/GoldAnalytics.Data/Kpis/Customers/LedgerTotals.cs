using System.Buffers;
using GoldAnalytics.Domain.Kpis.Customer;
using GoldAnalytics.Domain.Kpis.Periods;

namespace GoldAnalytics.Data.Kpis.Customers;

/// <summary>Customer totals of a range from the ledger: the same definitions as <see cref="CustomerTotalsQuery"/>.</summary>
public static class LedgerTotals
{
    /// <summary>The customer totals of the range; "before" is the range's previous period. New customers of a branch first bought there.</summary>
    public static CustomerTotals Totals(CustomerLedger ledger, int? branch, DateRange range, DateRange before)
    {
        var n = ledger.Count;
        var invoices = ArrayPool<long>.Shared.Rent(n);
        var activeBefore = ArrayPool<bool>.Shared.Rent(n);
        try
        {
            Array.Clear(invoices, 0, n);
            Array.Clear(activeBefore, 0, n);
            long invoiceSum = 0, netCents = 0, profitCents = 0;
            foreach (var (_, rows) in ledger.Days(range.From, range.To))
            {
                for (var i = 0; i < rows.Customers.Length; i++)
                {
                    if (branch is null || rows.Branches[i] == branch)
                    {
                        invoices[rows.Customers[i]] += rows.Invoices[i];
                        invoiceSum += rows.Invoices[i];
                        netCents += rows.NetCents[i];
                        profitCents += rows.ProfitCents[i];
                    }
                }
            }

            long beforeCount = 0;
            foreach (var (_, rows) in ledger.Days(before.From, before.To))
            {
                for (var i = 0; i < rows.Customers.Length; i++)
                {
                    if (rows.Invoices[i] > 0 && (branch is null || rows.Branches[i] == branch) && !activeBefore[rows.Customers[i]])
                    {
                        activeBefore[rows.Customers[i]] = true;
                        beforeCount++;
                    }
                }
            }

            long active = 0, repeat = 0, retained = 0, fresh = 0;
            var first = ledger.First;
            for (var c = 0; c < n; c++)
            {
                if (invoices[c] > 0)
                {
                    active++;
                    repeat += invoices[c] >= 2 ? 1 : 0;
                    retained += activeBefore[c] ? 1 : 0;
                }

                fresh += first.IsNew(c, range.From, range.To, branch) ? 1 : 0;
            }

            return new CustomerTotals(active, fresh, repeat, invoiceSum, netCents / 100m, profitCents / 100m, beforeCount, retained);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(invoices);
            ArrayPool<bool>.Shared.Return(activeBefore);
        }
    }
}
