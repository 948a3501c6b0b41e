namespace GoldAnalytics.Domain.Kpis.Customer;

/// <summary>A customer's first-purchase month and every month they bought in.</summary>
public sealed record CustomerMonths(long CustomerId, DateOnly FirstMonth, IReadOnlySet<DateOnly> ActiveMonths);

/// <summary>One row of the cohort matrix: share of the cohort active k months after its first month.</summary>
public sealed record CohortRow(DateOnly Month, long Customers, IReadOnlyList<decimal> Retention);

/// <summary>The monthly cohort retention matrix (docs/kpis.md, "Cohorts").</summary>
public static class CohortRetention
{
    /// <summary>
    /// Rows per first-purchase month from <paramref name="first"/> to <paramref name="last"/>; column k
    /// is the share of the cohort that bought in month first+k, for every k up to <paramref name="last"/>.
    /// Column 0 is always 1.
    /// </summary>
    public static IReadOnlyList<CohortRow> Matrix(IEnumerable<CustomerMonths> customers, DateOnly first, DateOnly last)
    {
        var byCohort = customers.Where(c => c.FirstMonth >= first && c.FirstMonth <= last).GroupBy(c => c.FirstMonth).ToDictionary(g => g.Key, g => g.ToList());
        var rows = new List<CohortRow>();
        for (var month = first; month <= last; month = month.AddMonths(1))
        {
            var members = byCohort.GetValueOrDefault(month) ?? [];
            var columns = MonthsBetween(month, last) + 1;
            var retention = Enumerable.Range(0, columns)
                .Select(k => members.Count == 0 ? 0m : (decimal)members.Count(c => c.ActiveMonths.Contains(month.AddMonths(k))) / members.Count)
                .ToList();
            rows.Add(new CohortRow(month, members.Count, retention));
        }

        return rows;
    }

    private static int MonthsBetween(DateOnly from, DateOnly to) => ((to.Year - from.Year) * 12) + to.Month - from.Month;
}
