using GoldAnalytics.Data.DemoData.Rows;
using GoldAnalytics.Domain.Pricing;

namespace GoldAnalytics.Data.DemoData;

/// <summary>What each branch achieved per month, so the demo targets are ambitious but believable.</summary>
public sealed class MonthlyActuals
{
    private readonly SortedDictionary<(int Branch, DateOnly Month), Actual> _months = [];

    private sealed class Actual
    {
        public decimal Revenue { get; set; }

        public decimal GrossProfit { get; set; }

        public int Transactions { get; set; }

        public int NewCustomers { get; set; }
    }

    /// <summary>Counts an invoice; revenue is net of tax.</summary>
    public void Sale(InvoiceRow invoice, bool isNewCustomer)
    {
        var actual = For(invoice.BranchId, invoice.BusinessDate);
        actual.Revenue += invoice.Total - invoice.Tax;
        actual.GrossProfit += invoice.Total - invoice.Tax - invoice.Cost;
        actual.Transactions++;
        actual.NewCustomers += isNewCustomer ? 1 : 0;
    }

    /// <summary>Takes a refund off the month it happens in.</summary>
    public void Refund(RefundRow refund, InvoiceLineRow line)
    {
        var actual = For(refund.BranchId, refund.BusinessDate);
        var net = refund.Amount - Money.Round(line.Tax * refund.Quantity / line.Quantity);
        actual.Revenue -= net;
        actual.GrossProfit -= net - refund.CostReversed;
    }

    /// <summary>
    /// Targets per branch and month, through two months after the period: last year's same month plus
    /// 5–15% growth, or in the first year the month's own result give or take a little.
    /// </summary>
    public void WriteTargets(DemoChunk chunk, DateOnly lastDay, DemoRandom random)
    {
        var lastMonth = FirstOfMonth(lastDay).AddMonths(2);
        foreach (var branch in _months.Keys.Select(k => k.Branch).Distinct())
        {
            var firstMonth = _months.Keys.Where(k => k.Branch == branch).Min(k => k.Month);
            for (var month = firstMonth; month <= lastMonth; month = month.AddMonths(1))
            {
                var (basis, growth) = _months.TryGetValue((branch, month.AddMonths(-12)), out var lastYear)
                    ? (lastYear, random.Between(1.05, 1.15))
                    : _months.TryGetValue((branch, month), out var thisMonth) ? (thisMonth, random.Between(0.92, 1.12)) : (null, 1.0);
                if (basis is null)
                {
                    continue;
                }

                var factor = (decimal)growth;
                chunk.Targets.Add(new TargetRow(branch, month, "revenue", RoundTo(basis.Revenue * factor, 1000m)));
                chunk.Targets.Add(new TargetRow(branch, month, "gross_profit", RoundTo(basis.GrossProfit * factor, 1000m)));
                chunk.Targets.Add(new TargetRow(branch, month, "transactions", RoundTo(basis.Transactions * factor, 10m)));
                chunk.Targets.Add(new TargetRow(branch, month, "new_customers", RoundTo(basis.NewCustomers * factor, 1m)));
            }
        }
    }

    private Actual For(int branchId, DateOnly day)
    {
        var key = (branchId, FirstOfMonth(day));
        if (!_months.TryGetValue(key, out var actual))
        {
            _months[key] = actual = new Actual();
        }

        return actual;
    }

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

    private static decimal RoundTo(decimal value, decimal step) => Math.Max(0m, Math.Round(value / step, MidpointRounding.AwayFromZero) * step);
}
