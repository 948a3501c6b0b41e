using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Financial;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Benchmarks.Kpis;

/// <summary>The same sales totals by a straightforward scan of invoice_lines and refunds, no rollups, no cache: the comparison point.</summary>
internal static class SalesScanBaseline
{
    public static async Task<SalesTotals> TotalsAsync(NpgsqlDataSource dataSource, KpiFilter filter, DateRange range)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.CommandTimeout = 0;
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("from", range.From));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("to", range.To));
        command.Parameters.Add(new NpgsqlParameter("branch", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)filter.BranchId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("category", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)filter.Category ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("karat", NpgsqlTypes.NpgsqlDbType.Smallint) { Value = filter.Karat is { } k ? (short)k : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("salesperson", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)filter.SalespersonId ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new SalesTotals(reader.GetDecimal(0), reader.GetDecimal(1), reader.GetDecimal(2), reader.GetDecimal(3), reader.GetDecimal(4),
            reader.GetDecimal(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetDecimal(8));
    }

    private const string Where = """
        AND (@branch::int IS NULL OR l.branch_id = @branch) AND (@category::text IS NULL OR l.category = @category)
        AND (@karat::smallint IS NULL OR l.karat = @karat) AND (@salesperson::int IS NULL OR l.salesperson_id = @salesperson)
        """;

    private const string Sql = $"""
        WITH s AS (
            SELECT coalesce(sum(gold_value + making_charge + stone_value), 0) AS gross, coalesce(sum(discount), 0) AS discounts,
                   coalesce(sum(tax), 0) AS tax, coalesce(sum(line_cost), 0) AS cost, count(DISTINCT invoice_id) AS invoices,
                   coalesce(sum(quantity), 0) AS units, coalesce(sum(weight_g), 0) AS grams
              FROM invoice_lines l WHERE l.business_date BETWEEN @from AND @to AND l.deleted_at IS NULL {Where}),
        r AS (
            SELECT coalesce(sum(round(r.amount / (1 + l.tax_rate), 2)), 0) AS refunds, coalesce(sum(r.cost_reversed), 0) AS cost,
                   coalesce(sum(r.quantity), 0) AS units
              FROM refunds r JOIN invoice_lines l ON l.id = r.invoice_line_id
             WHERE r.business_date BETWEEN @from AND @to AND l.deleted_at IS NULL AND (@branch::int IS NULL OR r.branch_id = @branch)
               AND (@category::text IS NULL OR l.category = @category) AND (@karat::smallint IS NULL OR l.karat = @karat)
               AND (@salesperson::int IS NULL OR l.salesperson_id = @salesperson))
        SELECT s.gross, s.discounts, s.tax, s.cost, r.refunds, r.cost, s.invoices, (s.units - r.units)::bigint, s.grams FROM s, r
        """;
}
