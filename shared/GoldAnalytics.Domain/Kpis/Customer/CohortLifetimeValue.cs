namespace GoldAnalytics.Domain.Kpis.Customer;

/// <summary>An acquisition cohort: its first-purchase month, size and gross profit by months since acquisition (0 = the first month).</summary>
public sealed record Cohort(DateOnly Month, long Customers, IReadOnlyList<decimal> GrossProfitByMonth);

/// <summary>Average cumulative gross profit per acquired customer after k months, and how many cohorts it rests on.</summary>
public sealed record LifetimeValuePoint(int Month, decimal? Value, long Cohorts);

/// <summary>Cohort-based lifetime value (docs/kpis.md, "Lifetime value").</summary>
public static class CohortLifetimeValue
{
    /// <summary>
    /// For each k: Σ over cohorts observed for at least k+1 months of cumulative gross profit to k /
    /// Σ of their sizes. Only cohorts old enough count, so young cohorts do not drag the curve down.
    /// </summary>
    public static IReadOnlyList<LifetimeValuePoint> Curve(IEnumerable<Cohort> cohorts, int months)
    {
        var list = cohorts.Where(c => c.Customers > 0).ToList();
        var points = new List<LifetimeValuePoint>(months);
        for (var k = 0; k < months; k++)
        {
            var observed = list.Where(c => c.GrossProfitByMonth.Count > k).ToList();
            var customers = observed.Sum(c => c.Customers);
            var profit = observed.Sum(c => c.GrossProfitByMonth.Take(k + 1).Sum());
            points.Add(new LifetimeValuePoint(k, customers == 0 ? null : profit / customers, observed.Count));
        }

        return points;
    }
}
