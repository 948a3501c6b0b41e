namespace GoldAnalytics.Data.Kpis.Customers;

/// <summary>Each customer's first day with an invoice and its branch, as customer_first_purchase defines them.</summary>
public sealed class FirstPurchases
{
    private readonly Dictionary<(DateOnly Day, int? Branch), long> _newPerDay = [];

    private FirstPurchases(DateOnly?[] days, int[] branches)
    {
        Days = days;
        Branches = branches;
        for (var c = 0; c < days.Length; c++)
        {
            if (days[c] is { } day)
            {
                _newPerDay[(day, null)] = _newPerDay.GetValueOrDefault((day, null)) + 1;
                _newPerDay[(day, branches[c])] = _newPerDay.GetValueOrDefault((day, branches[c])) + 1;
            }
        }
    }

    /// <summary>Customers whose first purchase is in the range (and at the branch, when given).</summary>
    public long NewIn(DateOnly from, DateOnly to, int? branch)
    {
        long count = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            count += _newPerDay.GetValueOrDefault((day, branch));
        }

        return count;
    }

    /// <summary>First purchase day per customer index; null for a customer with no invoice (only refunds).</summary>
    public DateOnly?[] Days { get; }

    /// <summary>The branch of the first purchase (the lowest branch id when several branches sold that day).</summary>
    public int[] Branches { get; }

    /// <summary>Whether the customer's first purchase is in the range (and at the branch, when given).</summary>
    public bool IsNew(int customer, DateOnly from, DateOnly to, int? branch) =>
        Days[customer] is { } day && day >= from && day <= to && (branch is null || Branches[customer] == branch);

    internal static FirstPurchases From(Dictionary<DateOnly, CustomerDay> days, int customers)
    {
        var first = new DateOnly?[customers];
        var branches = new int[customers];
        foreach (var (day, rows) in days.OrderBy(d => d.Key))
        {
            // Rows are ordered by customer then branch, so the first row with an invoice has the lowest branch.
            for (var i = 0; i < rows.Customers.Length; i++)
            {
                var customer = rows.Customers[i];
                if (rows.Invoices[i] > 0 && first[customer] is null)
                {
                    first[customer] = day;
                    branches[customer] = rows.Branches[i];
                }
            }
        }

        return new FirstPurchases(first, branches);
    }
}
