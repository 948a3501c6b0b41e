using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Financial;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Kpis;

/// <summary>Sales totals per day for a filter, read from the sales and invoice rollups.</summary>
public static class SalesDailyQuery
{
    /// <summary>The totals of every day in the range that has data.</summary>
    public static async Task<Dictionary<DateOnly, SalesTotals>> LoadAsync(
        NpgsqlConnection connection, KpiFilter filter, DateRange range, CancellationToken cancellationToken = default)
    {
#pragma warning disable CA2100 // one of two constant statements; the filter values are parameters
        await using var command = new NpgsqlCommand(filter.HasProductFilter ? ProductFiltered : InvoiceLevel, connection);
#pragma warning restore CA2100
        KpiParameters.Add(command, filter, range);
        var days = new Dictionary<DateOnly, SalesTotals>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            days[reader.GetFieldValue<DateOnly>(0)] = new SalesTotals(
                reader.GetDecimal(1), reader.GetDecimal(2), reader.GetDecimal(3), reader.GetDecimal(4),
                reader.GetDecimal(5), reader.GetDecimal(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetDecimal(9));
        }

        return days;
    }

    private const string Sums = """
        sum(gross_sales) AS gross_sales, sum(discounts) AS discounts, sum(tax) AS tax, sum(cost) AS cost,
        sum(refunds) AS refunds, sum(refunded_cost) AS refunded_cost
        """;

    private const string Quantities = """
        sum(units - refunded_units)::bigint AS units, sum(grams) AS grams
        """;

    // A product filter counts an invoice once per cell it has lines in (docs/kpis.md, "Transactions").
    private const string ProductFiltered = $"""
        SELECT day, {Sums}, sum(transactions)::bigint AS transactions, {Quantities}
          FROM sales_daily
         WHERE day BETWEEN @from AND @to {KpiParameters.SalesWhere}
         GROUP BY day
        """;

    // Without one, everything comes from invoice_daily: far fewer rows and exact invoice counts.
    private const string InvoiceLevel = $"""
        SELECT day, {Sums}, sum(transactions)::bigint AS transactions, {Quantities}
          FROM invoice_daily
         WHERE day BETWEEN @from AND @to
           AND (@branch::int IS NULL OR branch_id = @branch) AND (@salesperson::int IS NULL OR salesperson_id = @salesperson)
         GROUP BY day
        """;
}
