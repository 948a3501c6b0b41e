using GoldAnalytics.Data.Entry;
using GoldAnalytics.Domain.Sales;

namespace GoldAnalytics.Data.Sales;

/// <summary>The header of an invoice as stored.</summary>
public sealed record InvoiceHeader(int BranchId, int SalespersonId, long? CustomerId, DateOnly BusinessDate, DateTimeOffset IssuedAt, string? Notes);

/// <summary>An invoice line as read back.</summary>
public sealed record InvoiceLineView(long Id, short LineNo, int ProductId, int Quantity, decimal WeightG, decimal GoldRate, decimal GoldValue,
    string MakingChargeType, decimal MakingChargeValue, decimal MakingCharge, decimal StoneValue, decimal Discount, decimal TaxRate, decimal Tax, decimal LineTotal, decimal LineCost);

/// <summary>An invoice as read back, with its row version (the ETag).</summary>
public sealed record InvoiceView(long Id, string Number, int BranchId, int SalespersonId, long? CustomerId, DateTime IssuedAt, string BusinessDate,
    decimal Subtotal, decimal Discount, decimal Tax, decimal Total, decimal Cost, string? Notes, int RowVersion, DateTime? DeletedAt)
{
    /// <summary>The invoice's lines in line order.</summary>
    public IReadOnlyList<InvoiceLineView> Lines { get; init; } = [];
}

/// <summary>Stores invoices, their lines and the stock they move, inside a <see cref="ShopWrite"/>.</summary>
public static class InvoiceStore
{
    /// <summary>The invoice and its lines as one JSON document, the audit log's image of an invoice.</summary>
    public const string AuditImageSql = """
        SELECT (to_jsonb(i) || jsonb_build_object('lines',
                (SELECT coalesce(jsonb_agg(to_jsonb(l) ORDER BY l.line_no), '[]') FROM invoice_lines l WHERE l.invoice_id = i.id)))::text
          FROM invoices i WHERE i.id = @id
        """;

    /// <summary>Reserves an id for a new invoice, so its number can derive from it in the same insert.</summary>
    public static Task<long> NextIdAsync(ShopWrite write, CancellationToken cancellationToken) =>
        write.SingleAsync<long>("SELECT nextval(pg_get_serial_sequence('invoices', 'id'))", null, cancellationToken);

    /// <summary>Inserts the invoice header with its totals.</summary>
    public static Task InsertAsync(ShopWrite write, long id, string number, InvoiceHeader header, PricedInvoice priced, long? importFileId, CancellationToken cancellationToken) =>
        write.ExecuteAsync("""
            INSERT INTO invoices (id, number, branch_id, salesperson_id, customer_id, issued_at, business_date, subtotal, discount, tax, total, cost, notes, import_file_id)
            VALUES (@id, @number, @BranchId, @SalespersonId, @CustomerId, @IssuedAt, @BusinessDate, @Subtotal, @Discount, @Tax, @Total, @Cost, @Notes, @importFileId)
            """, new
        {
            id, number, header.BranchId, header.SalespersonId, header.CustomerId, header.IssuedAt, header.BusinessDate,
            priced.Subtotal, priced.Discount, priced.Tax, priced.Total, priced.Cost, header.Notes, importFileId,
        }, cancellationToken);

    /// <summary>Rewrites the header of an existing invoice; the update trigger bumps its row version.</summary>
    public static Task UpdateHeaderAsync(ShopWrite write, long id, InvoiceHeader header, PricedInvoice priced, CancellationToken cancellationToken) =>
        write.ExecuteAsync("""
            UPDATE invoices SET branch_id = @BranchId, salesperson_id = @SalespersonId, customer_id = @CustomerId, issued_at = @IssuedAt,
                   business_date = @BusinessDate, subtotal = @Subtotal, discount = @Discount, tax = @Tax, total = @Total, cost = @Cost, notes = @Notes
             WHERE id = @id
            """, new
        {
            id, header.BranchId, header.SalespersonId, header.CustomerId, header.IssuedAt, header.BusinessDate,
            priced.Subtotal, priced.Discount, priced.Tax, priced.Total, priced.Cost, header.Notes,
        }, cancellationToken);

    /// <summary>Inserts the priced lines, a sale movement per line and takes the pieces off the branch's stock.</summary>
    public static async Task InsertLinesAsync(ShopWrite write, long invoiceId, InvoiceHeader header, PricedInvoice priced, CancellationToken cancellationToken)
    {
        foreach (var line in priced.Lines)
        {
            await write.ExecuteAsync("""
                WITH line AS (
                    INSERT INTO invoice_lines (invoice_id, line_no, product_id, quantity, weight_g, gold_rate, gold_value, making_charge_type,
                        making_charge_value, making_charge, stone_value, discount, tax_rate, tax, line_total, line_cost,
                        business_date, branch_id, salesperson_id, customer_id, category, product_line_id, karat)
                    VALUES (@invoiceId, @LineNo, @ProductId, @Quantity, @WeightGrams, @GoldRate, @GoldValue, @MakingType,
                        @MakingValue, @MakingCharge, @StoneValue, @Discount, @TaxRate, @Tax, @Total, @LineCost,
                        @BusinessDate, @BranchId, @SalespersonId, @CustomerId, @Category, @ProductLineId, @Karat)
                    RETURNING id)
                INSERT INTO stock_movements (branch_id, product_id, business_date, moved_at, kind, quantity, weight_g, invoice_line_id)
                SELECT @BranchId, @ProductId, @BusinessDate, @IssuedAt, 'sale', -@Quantity, -@WeightGrams, id FROM line
                """, new
            {
                invoiceId, line.LineNo, line.Product.ProductId, line.Quantity, line.WeightGrams, line.GoldRate, line.Price.GoldValue,
                MakingType = line.Product.Making.TypeCode, MakingValue = line.Product.Making.Value, line.MakingCharge, line.Price.StoneValue,
                line.Price.Discount, line.TaxRate, line.Price.Tax, line.Price.Total, line.LineCost, header.BusinessDate, header.BranchId,
                header.SalespersonId, header.CustomerId, line.Product.Category, line.Product.ProductLineId, Karat = (short)line.Product.Karat, header.IssuedAt,
            }, cancellationToken);
        }

        await write.ExecuteAsync("""
            INSERT INTO stock_levels (branch_id, product_id, on_hand)
            SELECT @branchId, product_id, -sum(quantity) FROM unnest(@products, @quantities) AS s (product_id, quantity) GROUP BY product_id
            ON CONFLICT (branch_id, product_id) DO UPDATE SET on_hand = stock_levels.on_hand + EXCLUDED.on_hand, updated_at = now()
            """, new { branchId = header.BranchId, products = priced.Lines.Select(l => l.Product.ProductId).ToArray(), quantities = priced.Lines.Select(l => l.Quantity).ToArray() }, cancellationToken);
    }

    /// <summary>Puts the pieces of the invoice's lines back into stock and removes their sale movements and the lines.</summary>
    public static async Task RemoveLinesAsync(ShopWrite write, long invoiceId, bool keepLines, CancellationToken cancellationToken)
    {
        await write.ExecuteAsync("""
            WITH moved AS (
                DELETE FROM stock_movements m USING invoice_lines l
                 WHERE m.invoice_line_id = l.id AND l.invoice_id = @invoiceId AND m.kind = 'sale'
                RETURNING m.branch_id, m.product_id, m.quantity)
            UPDATE stock_levels s SET on_hand = s.on_hand - back.quantity, updated_at = now()
              FROM (SELECT branch_id, product_id, sum(quantity) AS quantity FROM moved GROUP BY branch_id, product_id) back
             WHERE s.branch_id = back.branch_id AND s.product_id = back.product_id
            """, new { invoiceId }, cancellationToken);
        if (!keepLines)
        {
            await write.ExecuteAsync("DELETE FROM invoice_lines WHERE invoice_id = @invoiceId", new { invoiceId }, cancellationToken);
        }
    }

    /// <summary>Locks a live invoice and returns its row version, branch and business date (null when there is none).</summary>
    public static Task<LockedInvoice?> LockAsync(ShopWrite write, long id, CancellationToken cancellationToken) =>
        write.SingleAsync<LockedInvoice>(
            "SELECT row_version AS RowVersion, branch_id AS BranchId, business_date::text AS Day, number FROM invoices WHERE id = @id AND deleted_at IS NULL FOR UPDATE",
            new { id }, cancellationToken);

    /// <summary>True when any line of the invoice has been refunded (its lines can then no longer be rewritten).</summary>
    public static Task<bool> HasRefundsAsync(ShopWrite write, long id, CancellationToken cancellationToken) =>
        write.SingleAsync<bool>("SELECT EXISTS (SELECT 1 FROM refunds WHERE invoice_id = @id)", new { id }, cancellationToken);

    /// <summary>Soft-deletes the invoice; the trigger carries deleted_at to its lines.</summary>
    public static Task SoftDeleteAsync(ShopWrite write, long id, CancellationToken cancellationToken) =>
        write.ExecuteAsync("UPDATE invoices SET deleted_at = now() WHERE id = @id", new { id }, cancellationToken);
}

/// <summary>What a locked invoice's edit needs: its version, branch and day.</summary>
public sealed record LockedInvoice(int RowVersion, int BranchId, string Day, string Number)
{
    /// <summary>The invoice's business date.</summary>
    public DateOnly BusinessDate => DateOnly.ParseExact(Day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
