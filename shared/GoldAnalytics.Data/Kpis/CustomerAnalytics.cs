using Dapper;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Customer;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Kpis;

/// <summary>Customers per RFM segment with their share and average spend.</summary>
public sealed record RfmSegmentSummary(string Segment, long Customers, decimal Share, decimal AverageRevenue);

/// <summary>RFM scores of the customers who bought in a window, summarised and paged.</summary>
public sealed record RfmReport(DateRange Window, long Customers, IReadOnlyList<RfmSegmentSummary> Segments, IReadOnlyList<RfmScore> Page);

/// <summary>Lifetime value: the simple formula over the year to the range end and the cohort curve.</summary>
public sealed record LifetimeValueReport(DateRange Year, decimal? SimpleValue, string? NullReason, IReadOnlyList<LifetimeValuePoint> CohortCurve);

/// <summary>RFM, cohort retention and lifetime value from customer_daily and customer_first_purchase.</summary>
public sealed class CustomerAnalytics(NpgsqlDataSource dataSource, CustomerKpiEngine kpis)
{
    /// <summary>Scores every customer who bought in the window by RFM quintiles as of its last day.</summary>
    public async Task<RfmReport> RfmAsync(int? branchId, DateRange window, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await kpis.TotalsAsync(branchId, window, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long CustomerId, DateTime Last, long Invoices, decimal Revenue)>(new CommandDefinition("""
            SELECT customer_id, max(day) FILTER (WHERE invoices > 0), sum(invoices)::bigint, sum(net_revenue)
              FROM customer_daily
             WHERE day BETWEEN @from AND @to AND (@branch::int IS NULL OR branch_id = @branch)
             GROUP BY customer_id HAVING sum(invoices) > 0
            """, new { from = window.From.ToDateTime(TimeOnly.MinValue), to = window.To.ToDateTime(TimeOnly.MinValue), branch = branchId }, cancellationToken: cancellationToken));
        var inputs = rows.Select(r => new RfmInput(r.CustomerId, DateOnly.FromDateTime(r.Last), r.Invoices, r.Revenue)).ToList();
        var scores = Rfm.Score(inputs, window.To);
        var revenue = inputs.ToDictionary(i => i.CustomerId, i => i.Revenue);
        var segments = scores.GroupBy(s => s.Segment)
            .Select(g => new RfmSegmentSummary(g.Key, g.Count(), (decimal)g.Count() / scores.Count, g.Average(s => revenue[s.CustomerId])))
            .OrderByDescending(s => s.Customers)
            .ToList();
        var ordered = scores.OrderByDescending(s => s.Recency + s.Frequency + s.Monetary).ThenBy(s => s.CustomerId);
        return new RfmReport(window, scores.Count, segments, [.. ordered.Skip((page - 1) * pageSize).Take(pageSize)]);
    }

    /// <summary>The monthly cohort retention matrix for cohorts first buying in the range's months.</summary>
    public async Task<IReadOnlyList<CohortRow>> CohortRetentionAsync(int? branchId, DateRange range, CancellationToken cancellationToken = default)
    {
        await kpis.TotalsAsync(branchId, range, cancellationToken);
        var first = new DateOnly(range.From.Year, range.From.Month, 1);
        var last = new DateOnly(range.To.Year, range.To.Month, 1);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long CustomerId, DateTime FirstMonth, DateTime Month)>(new CommandDefinition("""
            SELECT DISTINCT f.customer_id, date_trunc('month', f.first_day)::date, date_trunc('month', c.day)::date
              FROM customer_first_purchase f
              JOIN customer_daily c ON c.customer_id = f.customer_id AND c.invoices > 0 AND c.day BETWEEN @first AND @to
             WHERE f.first_day BETWEEN @first AND @to AND (@branch::int IS NULL OR f.branch_id = @branch)
            """, new { first = first.ToDateTime(TimeOnly.MinValue), to = range.To.ToDateTime(TimeOnly.MinValue), branch = branchId }, cancellationToken: cancellationToken));
        var customers = rows.GroupBy(r => (r.CustomerId, r.FirstMonth))
            .Select(g => new CustomerMonths(g.Key.CustomerId, DateOnly.FromDateTime(g.Key.FirstMonth), g.Select(r => DateOnly.FromDateTime(r.Month)).ToHashSet()));
        return CohortRetention.Matrix(customers, first, last);
    }

    /// <summary>Simple lifetime value over the year ending on the range's last day, and the cohort curve over up to <paramref name="months"/> months.</summary>
    public async Task<LifetimeValueReport> LifetimeValueAsync(int? branchId, DateRange range, int months, CancellationToken cancellationToken = default)
    {
        var year = new DateRange(range.To.AddYears(-1).AddDays(1), range.To);
        var totals = await kpis.TotalsAsync(branchId, year, cancellationToken);
        var simple = CustomerKpis.SimpleLifetimeValue(totals);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(DateTime Cohort, int Offset, decimal Profit, long Size)>(new CommandDefinition("""
            WITH cohort AS (
                SELECT customer_id, date_trunc('month', first_day)::date AS month
                  FROM customer_first_purchase
                 WHERE first_day BETWEEN @from AND @to AND (@branch::int IS NULL OR branch_id = @branch)),
            sizes AS (SELECT month, count(*) AS size FROM cohort GROUP BY month)
            SELECT k.month, ((extract(year FROM c.day) - extract(year FROM k.month)) * 12 + extract(month FROM c.day) - extract(month FROM k.month))::int,
                   sum(c.gross_profit), min(s.size)
              FROM cohort k
              JOIN sizes s ON s.month = k.month
              JOIN customer_daily c ON c.customer_id = k.customer_id AND c.day <= @to
             GROUP BY 1, 2
            """, new { from = range.From.ToDateTime(TimeOnly.MinValue), to = range.To.ToDateTime(TimeOnly.MinValue), branch = branchId }, cancellationToken: cancellationToken));
        var lastMonth = new DateOnly(range.To.Year, range.To.Month, 1);
        var cohorts = rows.GroupBy(r => DateOnly.FromDateTime(r.Cohort)).Select(g =>
        {
            var observed = ((lastMonth.Year - g.Key.Year) * 12) + lastMonth.Month - g.Key.Month + 1;
            var profit = new decimal[observed];
            foreach (var row in g.Where(r => r.Offset < observed))
            {
                profit[row.Offset] += row.Profit;
            }

            return new Cohort(g.Key, g.First().Size, profit);
        });
        return new LifetimeValueReport(year, simple.Value, simple.NullReason, CohortLifetimeValue.Curve(cohorts, months));
    }
}
