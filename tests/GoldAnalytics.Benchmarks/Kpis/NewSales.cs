using Npgsql;

namespace GoldAnalytics.Benchmarks.Kpis;

/// <summary>Writes new sales the way the shop would: one more invoice, or a whole new day copied from the last one.</summary>
internal static class NewSales
{
    private const string InvoiceColumns = "branch_id, salesperson_id, customer_id, subtotal, discount, tax, total, cost, notes";

    private const string LineColumns = """
        line_no, product_id, quantity, weight_g, gold_rate, gold_value, making_charge_type, making_charge_value, making_charge, stone_value,
        discount, tax_rate, tax, line_total, line_cost, branch_id, salesperson_id, customer_id, category, product_line_id, karat
        """;

    private static string Prefixed(string columns, string alias) =>
        string.Join(", ", columns.Split(',').Select(c => $"{alias}.{c.Trim()}"));

    /// <summary>
    /// Copies one invoice of the day (and its lines) as a new invoice on the same day, with the stock
    /// movements and stock levels a sale writes, in one transaction, as the sales entry does.
    /// </summary>
    public static async Task AddInvoiceAsync(NpgsqlDataSource dataSource, DateOnly day, int serial)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH src AS (SELECT * FROM invoices WHERE business_date = @day AND deleted_at IS NULL AND number NOT LIKE '%-bench-%' ORDER BY id LIMIT 1 OFFSET @serial % 50),
            ni AS (
                INSERT INTO invoices (number, business_date, issued_at, {InvoiceColumns})
                SELECT number || '-bench-' || gen_random_uuid(), business_date, issued_at, {InvoiceColumns} FROM src
                RETURNING id, issued_at),
            nl AS (
                INSERT INTO invoice_lines (invoice_id, business_date, {LineColumns})
                SELECT ni.id, l.business_date, {Prefixed(LineColumns, "l")}
                  FROM invoice_lines l, ni, src WHERE l.invoice_id = src.id
                RETURNING id, branch_id, product_id, business_date, quantity, weight_g),
            moved AS (
                INSERT INTO stock_movements (branch_id, product_id, business_date, moved_at, kind, quantity, weight_g, invoice_line_id)
                SELECT nl.branch_id, nl.product_id, nl.business_date, ni.issued_at, 'sale', -nl.quantity, -nl.weight_g, nl.id FROM nl, ni
                RETURNING branch_id, product_id, quantity)
            UPDATE stock_levels s SET on_hand = greatest(s.on_hand + m.quantity, 0), updated_at = now()
              FROM (SELECT branch_id, product_id, sum(quantity) AS quantity FROM moved GROUP BY 1, 2) m
             WHERE s.branch_id = m.branch_id AND s.product_id = m.product_id
            """);
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("day", day));
        command.Parameters.Add(new NpgsqlParameter<int>("serial", serial));
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Copies every invoice of <paramref name="from"/> to the next day: one more day of sales. Returns the lines written.</summary>
    public static async Task<long> AddDayAsync(NpgsqlDataSource dataSource, DateOnly from)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
#pragma warning disable CA2100 // column lists are constants of this class; the day is a parameter
        await using var command = new NpgsqlCommand($"""
            CREATE TEMP TABLE bench_map ON COMMIT DROP AS
            SELECT id AS old_id, nextval(pg_get_serial_sequence('invoices', 'id')) AS new_id
              FROM invoices WHERE business_date = @from AND deleted_at IS NULL;
            INSERT INTO invoices (id, number, business_date, issued_at, {InvoiceColumns})
            SELECT m.new_id, i.number || '-next-' || (@from + 1), @from + 1, i.issued_at + interval '1 day', {Prefixed(InvoiceColumns, "i")}
              FROM invoices i JOIN bench_map m ON m.old_id = i.id;
            INSERT INTO invoice_lines (invoice_id, business_date, {LineColumns})
            SELECT m.new_id, @from + 1, {Prefixed(LineColumns, "l")}
              FROM invoice_lines l JOIN bench_map m ON m.old_id = l.invoice_id;
            """, connection, transaction) { CommandTimeout = 0 };
#pragma warning restore CA2100
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("from", from));
        var rows = await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return rows;
    }
}
