namespace GoldAnalytics.Data.Imports;

/// <summary>Imports of journal rows (expenses, stock movements) that have no natural key: the file hash keeps a re-import from writing twice.</summary>
internal static class JournalImports
{
    public static ImportKind Expenses { get; } = new(
        "expenses", "expense",
        [
            new("business_date", CellType.Date, true, "2026-11-20"),
            new("branch_code", CellType.Text, false, "DXB", 40),
            new("category", CellType.Text, true, "utilities", 40),
            new("amount", CellType.Decimal, true, "1,250.00"),
            new("description", CellType.Text, false, "Electricity November", 500),
            new("supplier_code", CellType.Text, false, "", 40),
        ],
        [
            ImportChecks.Branch(), ImportChecks.Supplier(), ImportChecks.Positive("amount"), ImportChecks.NotFarAhead(),
            ImportChecks.OneOf("category", "rent", "salaries", "utilities", "marketing", "insurance", "security", "maintenance", "other"),
            ImportChecks.Decimals("amount", 2), ImportChecks.AtMost("amount", "1000000000"),
        ],
        """
        WITH written AS (
            INSERT INTO expenses (branch_id, category, business_date, amount, description, supplier_id, entered_by, import_file_id)
            SELECT b.id, s.category, s.business_date, s.amount, s.description, x.id, 'import', @importId
              FROM import_staging s LEFT JOIN branches b ON b.code = s.branch_code LEFT JOIN suppliers x ON x.code = s.supplier_code
            RETURNING 1)
        SELECT count(*) FROM written
        """,
        ImportChecks.Affected("business_date", "branch_code"));

    // Sales move stock through invoices and transfers through transfer records; a file brings receipts and counted adjustments.
    public static ImportKind StockMovements { get; } = new(
        "stock-movements", "stock_movement",
        [
            new("business_date", CellType.Date, true, "2026-11-20"),
            new("branch_code", CellType.Text, true, "DXB", 40),
            new("sku", CellType.Text, true, "RNG-22-0042", 40),
            new("kind", CellType.Text, true, "receipt", 20),
            new("quantity", CellType.Integer, true, "3"),
            new("weight_g", CellType.Decimal, false, "12.750"),
            new("note", CellType.Text, false, "PO 2026-118", 500),
        ],
        [
            ImportChecks.Branch(), ImportChecks.Product(), ImportChecks.OneOf("kind", "receipt", "adjustment"), ImportChecks.NotFarAhead(),
            new("quantity", "cannot be 0", "SELECT row_no FROM import_staging WHERE quantity = 0"),
            ImportChecks.AtMost("quantity", "100000", bothSigns: true), ImportChecks.AtMost("weight_g", "100000", bothSigns: true), ImportChecks.Decimals("weight_g", 3),
            new("quantity", "a receipt brings pieces in: the quantity must be positive", "SELECT row_no FROM import_staging WHERE kind = 'receipt' AND quantity < 0"),
            new("weight_g", "must have the sign of the quantity", "SELECT row_no FROM import_staging WHERE weight_g IS NOT NULL AND (weight_g = 0 OR sign(weight_g) <> sign(quantity))"),
            new("quantity", "takes the branch's stock below zero and the branch does not allow negative stock", """
                SELECT max(s.row_no) FROM import_staging s
                  JOIN branches b ON b.code = s.branch_code AND NOT b.allow_negative_stock
                  JOIN products p ON p.sku = s.sku AND p.deleted_at IS NULL
                  LEFT JOIN stock_levels l ON l.branch_id = b.id AND l.product_id = p.id
                 GROUP BY b.id, p.id, l.on_hand HAVING coalesce(l.on_hand, 0) + sum(s.quantity) < 0
                """),
        ],
        """
        WITH moved AS (
            INSERT INTO stock_movements (branch_id, product_id, business_date, moved_at, kind, quantity, weight_g, note, import_file_id)
            SELECT b.id, p.id, s.business_date, (s.business_date + time '12:00') AT TIME ZONE 'UTC', s.kind, s.quantity,
                   coalesce(s.weight_g, p.net_weight_g * s.quantity), s.note, @importId
              FROM import_staging s JOIN branches b ON b.code = s.branch_code JOIN products p ON p.sku = s.sku AND p.deleted_at IS NULL
            RETURNING branch_id, product_id, quantity),
        levels AS (
            INSERT INTO stock_levels (branch_id, product_id, on_hand)
            SELECT branch_id, product_id, sum(quantity) FROM moved GROUP BY branch_id, product_id
            ON CONFLICT (branch_id, product_id) DO UPDATE SET on_hand = stock_levels.on_hand + EXCLUDED.on_hand, updated_at = now())
        SELECT count(*) FROM moved
        """,
        ImportChecks.Affected("business_date", "branch_code"));
}
