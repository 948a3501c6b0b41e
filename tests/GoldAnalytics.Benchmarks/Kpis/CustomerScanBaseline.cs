using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Benchmarks.Kpis;

/// <summary>Active, new and repeat customers of a range by a straightforward scan of invoice_lines: the comparison point for the customer KPIs.</summary>
internal static class CustomerScanBaseline
{
    public static async Task<long> CountsAsync(NpgsqlDataSource dataSource, int? branchId, DateRange range)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.CommandTimeout = 0;
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("from", range.From));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("to", range.To));
        command.Parameters.Add(new NpgsqlParameter("branch", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)branchId ?? DBNull.Value });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private const string Sql = """
        WITH c AS (
            SELECT customer_id, count(DISTINCT invoice_id) AS invoices
              FROM invoice_lines
             WHERE business_date BETWEEN @from AND @to AND deleted_at IS NULL AND customer_id IS NOT NULL
               AND (@branch::int IS NULL OR branch_id = @branch)
             GROUP BY customer_id),
        f AS (
            SELECT customer_id, min(business_date) AS first_day
              FROM invoice_lines WHERE deleted_at IS NULL AND customer_id IS NOT NULL AND business_date <= @to
             GROUP BY customer_id)
        SELECT count(*) + count(*) FILTER (WHERE c.invoices >= 2) + count(*) FILTER (WHERE f.first_day >= @from)
          FROM c JOIN f USING (customer_id)
        """;
}
