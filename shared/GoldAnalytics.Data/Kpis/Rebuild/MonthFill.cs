using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace GoldAnalytics.Data.Kpis.Rebuild;

/// <summary>
/// Fills one calendar month of every shadow rollup on a session's connection: reads the month's facts,
/// sums them in memory (<see cref="MonthSums"/>), copies the sums in binary into the shadow tables a
/// day at a time (each day's key pages stay in the server's cache), and sums the month's stock movements in SQL (no distinct counts there).
/// </summary>
internal static class MonthFill
{
    private static readonly string Facts = RollupSql.FactsSelect(
        "l.business_date >= @from::date AND l.business_date < @to::date", "r.business_date >= @from::date AND r.business_date < @to::date");

    private const string MeasureColumns = "gross_sales, discounts, tax, cost, refunds, refunded_cost, transactions, units, grams, refunded_units";

    /// <summary>Fills the month; <paramref name="facts"/> is the session's buffer, reused from month to month so a month's facts are not allocated anew.</summary>
    public static async Task RunAsync(NpgsqlConnection connection, DateTime from, DateTime to, List<SalesFact> facts, Dictionary<long, FirstPurchase> firstPurchases, CancellationToken cancellationToken)
    {
        facts.Clear();
        await ReadFactsAsync(connection, from, to, facts, cancellationToken);
        var sums = MonthSums.Of(facts, firstPurchases);
        await CopyAsync(connection, "sales_daily", $"day, branch_id, salesperson_id, category, product_line_id, karat, {MeasureColumns}",
            sums.Sales,
            (w, s) => WriteClassified(w, s.Key.Day, s.Key.BranchId, s.Key.SalespersonId, (s.Key.Category, s.Key.ProductLineId, s.Key.Karat), s.Value), cancellationToken);
        await CopyAsync(connection, "invoice_daily", $"day, branch_id, salesperson_id, {MeasureColumns}",
            sums.Invoices,
            (w, s) =>
            {
                WriteDayBranch(w, s.Key.Day, s.Key.BranchId);
                w.Write(s.Key.SalespersonId, NpgsqlDbType.Integer);
                WriteMeasures(w, s.Value);
            }, cancellationToken);
        await CopyAsync(connection, "product_daily", $"day, branch_id, product_id, category, product_line_id, karat, {MeasureColumns}",
            sums.Products,
            (w, s) => WriteClassified(w, s.Key.Day, s.Key.BranchId, s.Key.ProductId, (s.Value.Category, s.Value.ProductLineId, s.Value.Karat), s.Value), cancellationToken);
        await CopyAsync(connection, "customer_daily", "day, customer_id, branch_id, invoices, net_revenue, gross_profit",
            sums.Customers,
            (w, s) =>
            {
                w.Write(s.Key.Day, NpgsqlDbType.Date);
                w.Write(s.Key.CustomerId, NpgsqlDbType.Bigint);
                w.Write(s.Key.BranchId, NpgsqlDbType.Integer);
                w.Write(s.Value.Invoices, NpgsqlDbType.Bigint);
                w.Write(s.Value.NetRevenue, NpgsqlDbType.Numeric);
                w.Write(s.Value.GrossProfit, NpgsqlDbType.Numeric);
            }, cancellationToken);

        await connection.ExecuteAsync(new CommandDefinition(Stock, new { from, to }, commandTimeout: 0, cancellationToken: cancellationToken));
    }

    /// <summary>Copies the customers' first purchases, earliest of every month, into the shadow table.</summary>
    public static Task CopyFirstPurchasesAsync(NpgsqlConnection connection, IEnumerable<KeyValuePair<long, FirstPurchase>> firstPurchases, CancellationToken cancellationToken) =>
        CopyAsync(connection, "customer_first_purchase", "customer_id, first_day, branch_id", firstPurchases.OrderBy(p => p.Key),
            (w, p) =>
            {
                w.Write(p.Key, NpgsqlDbType.Bigint);
                w.Write(p.Value.Day, NpgsqlDbType.Date);
                w.Write(p.Value.BranchId, NpgsqlDbType.Integer);
            }, cancellationToken);

    private static async Task ReadFactsAsync(NpgsqlConnection connection, DateTime from, DateTime to, List<SalesFact> facts, CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(Facts, new { from, to }, commandTimeout: 0, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            facts.Add(new SalesFact(
                reader.GetFieldValue<DateOnly>(0), reader.GetInt32(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.GetInt32(4), reader.GetString(5), reader.GetInt32(6), reader.GetInt16(7), reader.IsDBNull(8) ? null : reader.GetInt64(8),
                reader.GetDecimal(9), reader.GetDecimal(10), reader.GetDecimal(11), reader.GetDecimal(12), reader.GetDecimal(13), reader.GetDecimal(14),
                reader.GetInt32(15), reader.GetDecimal(16), reader.GetInt32(17)));
        }
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string rollup, string columns, IEnumerable<T> rows, Action<NpgsqlBinaryImporter, T> write, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {rollup}{RollupShadowTables.Suffix} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            write(importer, row);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    // A sales or product row: day, branch, salesperson or product, then category, line and karat, then the measures.
    private static void WriteClassified(NpgsqlBinaryImporter writer, DateOnly day, int branchId, int id, (string Category, int ProductLineId, short Karat) kind, SalesMeasures measures)
    {
        WriteDayBranch(writer, day, branchId);
        writer.Write(id, NpgsqlDbType.Integer);
        writer.Write(kind.Category, NpgsqlDbType.Text);
        writer.Write(kind.ProductLineId, NpgsqlDbType.Integer);
        writer.Write(kind.Karat, NpgsqlDbType.Smallint);
        WriteMeasures(writer, measures);
    }

    private static void WriteDayBranch(NpgsqlBinaryImporter writer, DateOnly day, int branchId)
    {
        writer.Write(day, NpgsqlDbType.Date);
        writer.Write(branchId, NpgsqlDbType.Integer);
    }

    private static void WriteMeasures(NpgsqlBinaryImporter writer, SalesMeasures m)
    {
        writer.Write(m.GrossSales, NpgsqlDbType.Numeric);
        writer.Write(m.Discounts, NpgsqlDbType.Numeric);
        writer.Write(m.Tax, NpgsqlDbType.Numeric);
        writer.Write(m.Cost, NpgsqlDbType.Numeric);
        writer.Write(m.Refunds, NpgsqlDbType.Numeric);
        writer.Write(m.RefundedCost, NpgsqlDbType.Numeric);
        writer.Write(m.Transactions, NpgsqlDbType.Bigint);
        writer.Write(m.Units, NpgsqlDbType.Bigint);
        writer.Write(m.Grams, NpgsqlDbType.Numeric);
        writer.Write(m.RefundedUnits, NpgsqlDbType.Bigint);
    }

    // The month's stock movements; one row a (day, branch, product).
    private static readonly string Stock = $"""
        INSERT INTO stock_daily{RollupShadowTables.Suffix}
        SELECT business_date, branch_id, product_id, sum(quantity), sum(weight_g),
               coalesce(sum(quantity) FILTER (WHERE kind IN ('receipt', 'transfer_in')), 0),
               coalesce(-sum(quantity) FILTER (WHERE kind = 'sale'), 0)
          FROM stock_movements WHERE business_date >= @from::date AND business_date < @to::date
         GROUP BY business_date, branch_id, product_id
        """;
}
