namespace GoldAnalytics.Data.Imports;

/// <summary>
/// Sales history: one row per invoice line, grouped into invoices by number. Lines are priced in SQL
/// the way <c>InvoicePricing</c> prices an entered line (amounts left out come from the day's rate
/// and the product). Invoices whose number already exists are skipped, so a re-import writes nothing twice.
/// Imported sales are history: they do not move stock (stock comes in its own file).
/// </summary>
internal static class SalesImport
{
    public static ImportKind Kind { get; } = new(
        "sales", "invoice",
        [
            new("invoice_number", CellType.Text, true, "INV-2026-000123", 40),
            new("business_date", CellType.Date, true, "2026-11-20"),
            new("branch_code", CellType.Text, true, "DXB", 40),
            new("salesperson_code", CellType.Text, true, "S-001", 40),
            new("customer_code", CellType.Text, false, "C-000123", 40),
            new("sku", CellType.Text, true, "RNG-22-0042", 40),
            new("quantity", CellType.Integer, true, "1"),
            new("weight_g", CellType.Decimal, false, "4.250"),
            new("gold_rate", CellType.Decimal, false, ""),
            new("making_charge", CellType.Decimal, false, ""),
            new("stone_value", CellType.Decimal, false, ""),
            new("discount", CellType.Decimal, false, "0"),
            new("tax_rate", CellType.Decimal, false, "0.05"),
            new("line_total", CellType.Decimal, false, ""),
        ],
        [
            ImportChecks.Branch(), ImportChecks.NotFarAhead(),
            new("salesperson_code", "no staff member has this code", "SELECT row_no FROM import_priced WHERE salesperson_id IS NULL"),
            new("salesperson_code", "the staff member works at another branch", "SELECT row_no FROM import_priced WHERE salesperson_branch_id <> branch_id"),
            new("customer_code", "no live customer has this code", "SELECT row_no FROM import_staging s WHERE s.customer_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.code = s.customer_code AND c.deleted_at IS NULL)"),
            ImportChecks.Product(),
            new("business_date", "no gold rate is recorded for the product's karat on this date", "SELECT row_no FROM import_priced WHERE product_id IS NOT NULL AND buy_per_gram IS NULL"),
            ImportChecks.Positive("quantity"), ImportChecks.AtMost("quantity", "10000"),
            ImportChecks.Positive("weight_g"), ImportChecks.AtMost("weight_g", "100000"), ImportChecks.Decimals("weight_g", 3),
            ImportChecks.Positive("gold_rate"), ImportChecks.AtMost("gold_rate", "100000"), ImportChecks.Decimals("gold_rate", 4),
            ImportChecks.NotNegative("making_charge"), ImportChecks.AtMost("making_charge", "1000000000"),
            ImportChecks.NotNegative("stone_value"), ImportChecks.AtMost("stone_value", "1000000000"),
            ImportChecks.NotNegative("discount"), ImportChecks.AtMost("discount", "1000000000"),
            new("tax_rate", "is a fraction from 0 to 1 with at most 4 decimals (0.05 = 5%)", "SELECT row_no FROM import_staging WHERE tax_rate < 0 OR tax_rate > 1 OR tax_rate <> round(tax_rate, 4)"),
            new("discount", "exceeds the line's gold, making and stones", "SELECT row_no FROM import_priced WHERE discount > gold_value + making_charge + stone_value"),
            new("line_total", "does not match the line's price (gold + making + stones - discount + tax)", "SELECT row_no FROM import_priced WHERE given_total IS NOT NULL AND given_total <> line_total"),
            new("invoice_number", "has another date, branch, salesperson or customer than the invoice's first row", """
                SELECT row_no FROM (
                    SELECT row_no, first_value(row(business_date, branch_code, salesperson_code, customer_code)::text) OVER w AS first,
                           row(business_date, branch_code, salesperson_code, customer_code)::text AS this
                      FROM import_staging WINDOW w AS (PARTITION BY invoice_number ORDER BY row_no)) x
                 WHERE first <> this
                """),
            new("invoice_number", "an invoice has more than 1000 lines", "SELECT row_no FROM (SELECT row_no, row_number() OVER (PARTITION BY invoice_number ORDER BY row_no) AS n FROM import_staging) x WHERE n > 1000"),
        ],
        """
        WITH kept AS (
            -- The rows left in staging: all of them, or the valid ones when the caller imports valid rows only.
            SELECT p.* FROM import_priced p JOIN import_staging USING (row_no)),
        heads AS (
            SELECT invoice_number, min(business_date) AS business_date, min(branch_id) AS branch_id, min(salesperson_id) AS salesperson_id, min(customer_id) AS customer_id,
                   sum(gold_value + making_charge + stone_value) AS subtotal, sum(discount) AS discount, sum(tax) AS tax, sum(line_total) AS total, sum(line_cost) AS cost
              FROM kept GROUP BY invoice_number),
        invoiced AS (
            INSERT INTO invoices (number, branch_id, salesperson_id, customer_id, issued_at, business_date, subtotal, discount, tax, total, cost, import_file_id)
            SELECT invoice_number, branch_id, salesperson_id, customer_id, (business_date + time '12:00') AT TIME ZONE 'UTC', business_date,
                   subtotal, discount, tax, total, cost, @importId
              FROM heads
            ON CONFLICT (number) DO NOTHING
            RETURNING id, number),
        lined AS (
            INSERT INTO invoice_lines (invoice_id, line_no, product_id, quantity, weight_g, gold_rate, gold_value, making_charge_type, making_charge_value,
                   making_charge, stone_value, discount, tax_rate, tax, line_total, line_cost, business_date, branch_id, salesperson_id, customer_id,
                   category, product_line_id, karat)
            SELECT i.id, row_number() OVER (PARTITION BY p.invoice_number ORDER BY p.row_no), p.product_id, p.quantity, p.weight_g, p.gold_rate, p.gold_value,
                   p.making_charge_type, p.making_charge_value, p.making_charge, p.stone_value, p.discount, p.tax_rate, p.tax, p.line_total, p.line_cost,
                   p.business_date, p.branch_id, p.salesperson_id, p.customer_id, p.category, p.product_line_id, p.karat
              FROM kept p JOIN invoiced i ON i.number = p.invoice_number
            RETURNING 1)
        SELECT count(*) FROM lined
        """,
        ImportChecks.Affected("business_date", "branch_code"),
        PrepareSql: """
            CREATE TEMP TABLE import_priced ON COMMIT DROP AS
            SELECT s.row_no, s.invoice_number, s.business_date, b.id AS branch_id, sp.id AS salesperson_id, sp.branch_id AS salesperson_branch_id,
                   c.id AS customer_id, p.id AS product_id, p.category, p.product_line_id, p.karat, p.making_charge_type, p.making_charge_value,
                   r.buy_per_gram, s.quantity, w.weight_g, w.gold_rate, g.gold_value, m.making_charge, m.stone_value, m.discount, m.tax_rate, t.tax,
                   g.gold_value + m.making_charge + m.stone_value - m.discount + t.tax AS line_total,
                   round(w.weight_g * r.buy_per_gram, 2) + round(p.unit_cost * s.quantity, 2) AS line_cost,
                   s.line_total AS given_total
              FROM import_staging s
              LEFT JOIN branches b ON b.code = s.branch_code
              LEFT JOIN staff sp ON sp.code = s.salesperson_code
              LEFT JOIN customers c ON c.code = s.customer_code AND c.deleted_at IS NULL
              LEFT JOIN products p ON p.sku = s.sku AND p.deleted_at IS NULL
              LEFT JOIN gold_rates r ON r.business_date = s.business_date AND r.karat = p.karat
              CROSS JOIN LATERAL (SELECT coalesce(s.weight_g, p.net_weight_g * s.quantity) AS weight_g, coalesce(s.gold_rate, r.sell_per_gram) AS gold_rate) w
              CROSS JOIN LATERAL (SELECT round(w.weight_g * w.gold_rate, 2) AS gold_value) g
              CROSS JOIN LATERAL (SELECT coalesce(round(s.making_charge, 2), CASE p.making_charge_type
                                             WHEN 'per_gram' THEN round(w.weight_g * p.making_charge_value, 2)
                                             ELSE round(g.gold_value * p.making_charge_value / 100, 2) END) AS making_charge,
                                         round(coalesce(s.stone_value, p.stone_value * s.quantity), 2) AS stone_value,
                                         round(coalesce(s.discount, 0), 2) AS discount, coalesce(s.tax_rate, 0) AS tax_rate) m
              CROSS JOIN LATERAL (SELECT round((g.gold_value + m.making_charge + m.stone_value - m.discount) * m.tax_rate, 2) AS tax) t
            """,
        GroupColumn: "invoice_number");
}
