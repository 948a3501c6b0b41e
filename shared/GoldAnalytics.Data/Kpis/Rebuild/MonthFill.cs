using System.Runtime.InteropServices;
using Dapper;
using GoldAnalytics.Data.BinaryCopy;
using Npgsql;

namespace GoldAnalytics.Data.Kpis.Rebuild;

/// <summary>
/// Fills one calendar month of every shadow rollup on a session's connection: copies the month's line
/// and refund facts out in binary, sums them in memory (<see cref="MonthSums"/>), copies the sums in
/// binary into the shadow tables, and sums the month's stock movements in SQL (no distinct counts there).
/// Both directions use PostgreSQL's binary COPY format, read and written by the product itself
/// (<see cref="BinaryCopyReader"/>, <see cref="BinaryCopyWriter"/>), money and weight as whole cents and milligrams.
/// </summary>
internal static class MonthFill
{
    private const int Money = 2, Weight = 3;

    // COPY takes no parameters: the month's bounds are settings of the session's transaction, each
    // read once per statement (a sub-select), so the lines are still found through the day index.
    private const string SetMonth = """
        SELECT set_config('goldanalytics.rebuild_from', @from::date::text, true),
               set_config('goldanalytics.rebuild_to', @to::date::text, true)
        """;

    private static readonly string LineFacts = $"COPY ({RollupSql.LineFacts(InMonth("l.business_date"))}) TO STDOUT (FORMAT BINARY)";
    private static readonly string RefundFacts = $"COPY ({RollupSql.RefundFacts(InMonth("r.business_date"))}) TO STDOUT (FORMAT BINARY)";

    private const string MeasureColumns = "gross_sales, discounts, tax, cost, refunds, refunded_cost, transactions, units, grams, refunded_units";

    /// <summary>Fills the month; <paramref name="facts"/> is the session's buffer, reused from month to month so a month's facts are not allocated anew.</summary>
    public static async Task RunAsync(
        NpgsqlConnection connection, DateTime from, DateTime to, List<SalesFact> facts, CategoryNames categories, Dictionary<long, FirstPurchase> firstPurchases, CancellationToken cancellationToken)
    {
        facts.Clear();
        await connection.ExecuteAsync(new CommandDefinition(SetMonth, new { from, to }, commandTimeout: 0, cancellationToken: cancellationToken));
        await ReadAsync(connection, LineFacts, 15, (ref CopyRow row) => facts.Add(ReadLine(ref row, categories)), cancellationToken);
        await ReadAsync(connection, RefundFacts, 11, (ref CopyRow row) => facts.Add(ReadRefund(ref row, categories)), cancellationToken);
        var sums = MonthSums.Of(CollectionsMarshal.AsSpan(facts), categories, firstPurchases);

        await CopyAsync(connection, "sales_daily", $"day, branch_id, salesperson_id, category, product_line_id, karat, {MeasureColumns}", 16, sums.Sales,
            (w, s) => WriteClassified(w, s.Key.Day, s.Key.BranchId, s.Key.SalespersonId, categories.Utf8(s.Key.Category), s.Key.ProductLineId, s.Key.Karat, s.Value), cancellationToken);
        await CopyAsync(connection, "invoice_daily", $"day, branch_id, salesperson_id, {MeasureColumns}", 13, sums.Invoices,
            (w, s) =>
            {
                w.Date(s.Key.Day);
                w.Int(s.Key.BranchId);
                w.Int(s.Key.SalespersonId);
                WriteMeasures(w, s.Value);
            }, cancellationToken);
        await CopyAsync(connection, "product_daily", $"day, branch_id, product_id, category, product_line_id, karat, {MeasureColumns}", 16, sums.Products,
            (w, s) => WriteClassified(w, s.Key.Day, s.Key.BranchId, s.Key.ProductId, categories.Utf8(s.Value.Category), s.Value.ProductLineId, s.Value.Karat, s.Value), cancellationToken);
        await CopyAsync(connection, "customer_daily", "day, customer_id, branch_id, invoices, net_revenue, gross_profit", 6, sums.Customers,
            (w, s) =>
            {
                w.Date(s.Key.Day);
                w.Long(s.Key.CustomerId);
                w.Int(s.Key.BranchId);
                w.Long(s.Value.Invoices);
                w.Numeric(s.Value.NetRevenue, Money);
                w.Numeric(s.Value.GrossProfit, Money);
            }, cancellationToken);

        await connection.ExecuteAsync(new CommandDefinition(Stock, commandTimeout: 0, cancellationToken: cancellationToken));
    }

    /// <summary>Copies the customers' first purchases, earliest of every month, into the shadow table.</summary>
    public static Task CopyFirstPurchasesAsync(NpgsqlConnection connection, IEnumerable<KeyValuePair<long, FirstPurchase>> firstPurchases, CancellationToken cancellationToken) =>
        CopyAsync(connection, "customer_first_purchase", "customer_id, first_day, branch_id", 3, firstPurchases.OrderBy(p => p.Key),
            (w, p) =>
            {
                w.Long(p.Key);
                w.Date(p.Value.Day);
                w.Int(p.Value.BranchId);
            }, cancellationToken);

    private static string InMonth(string day) =>
        $"{day} >= (SELECT current_setting('goldanalytics.rebuild_from')::date) AND {day} < (SELECT current_setting('goldanalytics.rebuild_to')::date)";

    // The columns of RollupSql.LineFacts, in order.
    private static SalesFact ReadLine(ref CopyRow row, CategoryNames categories) => new(
        Day: row.ReadDate(), BranchId: row.ReadInt32(), SalespersonId: row.ReadInt32(), CustomerId: row.ReadNullableInt64(), ProductId: row.ReadInt32(),
        Category: categories.NumberOf(row.ReadBytes()), ProductLineId: row.ReadInt32(), Karat: row.ReadInt16(), InvoiceId: row.ReadInt64(),
        GrossSales: row.ReadNumeric(Money), Discounts: row.ReadNumeric(Money), Tax: row.ReadNumeric(Money), Cost: row.ReadNumeric(Money),
        Refunds: 0, RefundedCost: 0, Units: row.ReadInt32(), Grams: row.ReadNumeric(Weight), RefundedUnits: 0);

    // The columns of RollupSql.RefundFacts, in order.
    private static SalesFact ReadRefund(ref CopyRow row, CategoryNames categories) => new(
        Day: row.ReadDate(), BranchId: row.ReadInt32(), SalespersonId: row.ReadInt32(), CustomerId: row.ReadNullableInt64(), ProductId: row.ReadInt32(),
        Category: categories.NumberOf(row.ReadBytes()), ProductLineId: row.ReadInt32(), Karat: row.ReadInt16(), InvoiceId: null,
        GrossSales: 0, Discounts: 0, Tax: 0, Cost: 0,
        Refunds: row.ReadNumeric(Money), RefundedCost: row.ReadNumeric(Money), Units: 0, Grams: 0, RefundedUnits: row.ReadInt32());

    private static async Task ReadAsync(NpgsqlConnection connection, string copy, int fields, CopyRowHandler handler, CancellationToken cancellationToken)
    {
        await using var stream = await connection.BeginRawBinaryCopyAsync(copy, cancellationToken);
        await BinaryCopyReader.ReadAllAsync(stream, fields, handler, cancellationToken);
    }

    private static async Task CopyAsync<T>(
        NpgsqlConnection connection, string rollup, string columns, short fields, IEnumerable<T> rows, Action<BinaryCopyWriter, T> write, CancellationToken cancellationToken)
    {
        await using var stream = await connection.BeginRawBinaryCopyAsync(
            $"COPY {rollup}{RollupShadowTables.Suffix} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        try
        {
            using var writer = new BinaryCopyWriter(stream);
            writer.Begin();
            foreach (var row in rows)
            {
                writer.StartRow(fields);
                write(writer, row);
                if (writer.ShouldFlush)
                {
                    await writer.FlushAsync(cancellationToken);
                }
            }

            await writer.EndAsync(cancellationToken);
        }
        catch
        {
            // Nothing half-written is committed; the rebuild fails as a whole.
            await stream.CancelAsync();
            throw;
        }
    }

    // A sales or product row: day, branch, salesperson or product, then category, line and karat, then the measures.
    private static void WriteClassified(BinaryCopyWriter writer, DateOnly day, int branchId, int id, ReadOnlySpan<byte> category, int productLineId, short karat, SalesMeasures measures)
    {
        writer.Date(day);
        writer.Int(branchId);
        writer.Int(id);
        writer.Text(category);
        writer.Int(productLineId);
        writer.Short(karat);
        WriteMeasures(writer, measures);
    }

    private static void WriteMeasures(BinaryCopyWriter writer, SalesMeasures m)
    {
        writer.Numeric(m.GrossSales, Money);
        writer.Numeric(m.Discounts, Money);
        writer.Numeric(m.Tax, Money);
        writer.Numeric(m.Cost, Money);
        writer.Numeric(m.Refunds, Money);
        writer.Numeric(m.RefundedCost, Money);
        writer.Long(m.Transactions);
        writer.Long(m.Units);
        writer.Numeric(m.Grams, Weight);
        writer.Long(m.RefundedUnits);
    }

    // The month's stock movements; one row a (day, branch, product).
    private static readonly string Stock = $"""
        INSERT INTO stock_daily{RollupShadowTables.Suffix}
        SELECT business_date, branch_id, product_id, sum(quantity), sum(weight_g),
               coalesce(sum(quantity) FILTER (WHERE kind IN ('receipt', 'transfer_in')), 0),
               coalesce(-sum(quantity) FILTER (WHERE kind = 'sale'), 0)
          FROM stock_movements WHERE {InMonth("business_date")}
         GROUP BY business_date, branch_id, product_id
        """;
}
