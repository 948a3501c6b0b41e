using GoldAnalytics.Domain.Kpis.Customer;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Kpis;

/// <summary>Customer counts for a range and the period before it, from customer_daily.</summary>
public static class CustomerTotalsQuery
{
    /// <summary>The customer totals of the range; "before" is the range's previous period.</summary>
    public static async Task<CustomerTotals> LoadAsync(
        NpgsqlConnection connection, int? branchId, DateRange range, DateRange before, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("from", range.From));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("to", range.To));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("before_from", before.From));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("before_to", before.To));
        command.Parameters.Add(new NpgsqlParameter("branch", NpgsqlTypes.NpgsqlDbType.Integer) { Value = branchId is { } b ? b : DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new CustomerTotals(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
            reader.GetDecimal(4), reader.GetDecimal(5), reader.GetInt64(6), reader.GetInt64(7));
    }

    // New customers of a branch are those whose first invoice anywhere was at that branch.
    private const string Sql = """
        WITH cur AS (
            SELECT customer_id, sum(invoices) AS invoices, sum(net_revenue) AS revenue, sum(gross_profit) AS profit
              FROM customer_daily
             WHERE day BETWEEN @from AND @to AND (@branch::int IS NULL OR branch_id = @branch)
             GROUP BY customer_id),
        before AS (
            SELECT DISTINCT customer_id
              FROM customer_daily
             WHERE day BETWEEN @before_from AND @before_to AND invoices > 0 AND (@branch::int IS NULL OR branch_id = @branch))
        SELECT count(*) FILTER (WHERE c.invoices > 0),
               (SELECT count(*) FROM customer_first_purchase f
                 WHERE f.first_day BETWEEN @from AND @to AND (@branch::int IS NULL OR f.branch_id = @branch)),
               count(*) FILTER (WHERE c.invoices >= 2),
               coalesce(sum(c.invoices), 0)::bigint,
               coalesce(sum(c.revenue), 0),
               coalesce(sum(c.profit), 0),
               (SELECT count(*) FROM before),
               count(*) FILTER (WHERE c.invoices > 0 AND c.customer_id IN (SELECT customer_id FROM before))
          FROM cur c
        """;
}
