namespace GoldAnalytics.Data.Kpis;

/// <summary>
/// The set-based statements of a full rebuild of the rollups from the lines: each calendar month
/// (<c>@from</c> inclusive to <c>@to</c> exclusive) is read once and summed into every rollup's empty
/// shadow table; the expenses and the first purchases follow; then the shadows replace the rollups.
/// </summary>
internal static class RollupRebuildSql
{
    /// <summary>Every rollup table, largest first (the order their indexes are built in).</summary>
    public static IReadOnlyList<string> Tables { get; } =
    [
        "customer_daily", "sales_daily", "product_daily", "stock_daily", "customer_first_purchase", "invoice_daily", "expense_daily",
    ];

    /// <summary>What fills a shadow table after the months: the expenses (a small table, read once) and the first purchases.</summary>
    public static IReadOnlyDictionary<string, string> Completions => new Dictionary<string, string>
    {
        ["customer_first_purchase"] = FirstPurchases,
        ["expense_daily"] = Expenses,
    };

    // A month of facts (about 320,000 rows at 11M lines) and its hash tables stay in memory; JIT would
    // compile every month's statement anew for longer than the statement runs.
    public const string Settings = "SET LOCAL work_mem = '256MB'; SET LOCAL jit = off";

    // The same lock order as the refresh: one refresher at a time, then the version row, which writers
    // take before they add to the rollups or mark cells. Every mark is consumed by the rebuild.
    public const string Lock = """
        SELECT pg_advisory_xact_lock(@lockKey);
        SELECT version FROM kpi_data_version WHERE id = 1 FOR UPDATE;
        """;

    // Returns how many marks it consumed.
    public const string ConsumeMarks = """
        WITH days AS (DELETE FROM kpi_dirty_days RETURNING 1), cells AS (DELETE FROM kpi_dirty_cells RETURNING 1)
        SELECT (SELECT count(*) FROM days) + (SELECT count(*) FROM cells)
        """;

    // The first and last business day of any source. The lines and refunds are indexed by (branch,
    // day): a skip scan over the few branches reads a handful of index pages instead of every line.
    public const string Bounds = """
        WITH RECURSIVE line_branches AS (
            SELECT min(branch_id) AS id FROM invoice_lines
            UNION ALL
            SELECT (SELECT min(branch_id) FROM invoice_lines WHERE branch_id > b.id) FROM line_branches b WHERE b.id IS NOT NULL),
        refund_branches AS (
            SELECT min(branch_id) AS id FROM refunds
            UNION ALL
            SELECT (SELECT min(branch_id) FROM refunds WHERE branch_id > b.id) FROM refund_branches b WHERE b.id IS NOT NULL)
        SELECT min(d), max(d) FROM (
            SELECT (SELECT min(business_date) FROM invoice_lines WHERE branch_id = b.id) FROM line_branches b WHERE b.id IS NOT NULL
            UNION ALL SELECT (SELECT max(business_date) FROM invoice_lines WHERE branch_id = b.id) FROM line_branches b WHERE b.id IS NOT NULL
            UNION ALL SELECT (SELECT min(business_date) FROM refunds WHERE branch_id = b.id) FROM refund_branches b WHERE b.id IS NOT NULL
            UNION ALL SELECT (SELECT max(business_date) FROM refunds WHERE branch_id = b.id) FROM refund_branches b WHERE b.id IS NOT NULL
            UNION ALL SELECT min(business_date) FROM stock_movements
            UNION ALL SELECT max(business_date) FROM stock_movements
            UNION ALL SELECT min(business_date) FROM expenses
            UNION ALL SELECT max(business_date) FROM expenses) AS x(d)
        """;

    // The month's lines and refunds as one stream of facts, as the refresh reads them.
    private static readonly string Facts = $"""
        WITH facts AS MATERIALIZED (
        {RollupSql.FactsSelect("l.business_date >= @from::date AND l.business_date < @to::date", "r.business_date >= @from::date AND r.business_date < @to::date")})
        """;

    /// <summary>
    /// One read of a month's facts summed into the four sales rollups, its stock movements into the
    /// stock rollup, and each customer's first purchase of the month into the session's candidates
    /// (<c>@session</c>), all into the shadow tables. Sessions take months in any order: a candidate
    /// only replaces an earlier session candidate that is later.
    /// </summary>
    public static readonly string Month = $"""
        {Facts},
        sales AS (
            INSERT INTO sales_daily{RollupShadowTables.Suffix}
            SELECT day, branch_id, salesperson_id, category, product_line_id, karat, {RollupSql.Measures}
              FROM facts GROUP BY day, branch_id, salesperson_id, category, product_line_id, karat),
        products AS (
            INSERT INTO product_daily{RollupShadowTables.Suffix}
            SELECT day, branch_id, product_id, min(category), min(product_line_id), min(karat), {RollupSql.Measures}
              FROM facts GROUP BY day, branch_id, product_id),
        customers AS (
            INSERT INTO customer_daily{RollupShadowTables.Suffix}
            SELECT day, customer_id, branch_id, count(DISTINCT invoice_id),
                   sum(gross_sales - discounts - refunds),
                   sum(gross_sales - discounts - refunds - cost + refunded_cost)
              FROM facts WHERE customer_id IS NOT NULL GROUP BY day, customer_id, branch_id),
        invoices AS (
            INSERT INTO invoice_daily{RollupShadowTables.Suffix} (day, branch_id, salesperson_id, gross_sales, discounts, tax, cost, refunds,
                                       refunded_cost, transactions, units, grams, refunded_units)
            SELECT day, branch_id, salesperson_id, {RollupSql.Measures}
              FROM facts GROUP BY day, branch_id, salesperson_id),
        stock AS (
            INSERT INTO stock_daily{RollupShadowTables.Suffix}
            SELECT business_date, branch_id, product_id, sum(quantity), sum(weight_g),
                   coalesce(sum(quantity) FILTER (WHERE kind IN ('receipt', 'transfer_in')), 0),
                   coalesce(-sum(quantity) FILTER (WHERE kind = 'sale'), 0)
              FROM stock_movements WHERE business_date >= @from::date AND business_date < @to::date
             GROUP BY business_date, branch_id, product_id)
        INSERT INTO {RollupShadowTables.FirstPurchaseCandidates} AS c (session, customer_id, first_day, branch_id)
        SELECT DISTINCT ON (customer_id) @session, customer_id, day, branch_id
          FROM facts WHERE customer_id IS NOT NULL AND invoice_id IS NOT NULL
         ORDER BY customer_id, day, branch_id
        ON CONFLICT (session, customer_id) DO UPDATE SET first_day = EXCLUDED.first_day, branch_id = EXCLUDED.branch_id
         WHERE (EXCLUDED.first_day, EXCLUDED.branch_id) < (c.first_day, c.branch_id)
        """;

    public static readonly string Expenses = $"""
        INSERT INTO expense_daily{RollupShadowTables.Suffix}
        SELECT business_date, coalesce(branch_id, 0), category, sum(amount)
          FROM expenses WHERE deleted_at IS NULL
         GROUP BY business_date, coalesce(branch_id, 0), category
        """;

    // The earliest candidate of any session: the customer's first purchase (the lowest branch on a tie, as the refresh keeps it).
    public static readonly string FirstPurchases = $"""
        INSERT INTO customer_first_purchase{RollupShadowTables.Suffix} (customer_id, first_day, branch_id)
        SELECT DISTINCT ON (customer_id) customer_id, first_day, branch_id
          FROM {RollupShadowTables.FirstPurchaseCandidates}
         ORDER BY customer_id, first_day, branch_id
        """;

    // Every day that had numbers before or has them now changed: caches refetch them, the period
    // reports recompute them, and the stock is repriced (reference version), as after any bulk repair.
    public const string StampDays = """
        WITH bumped AS (
            UPDATE kpi_data_version SET version = version + 1, reference_version = version + 1 WHERE id = 1 RETURNING version),
        days AS (
            SELECT day FROM kpi_day_versions
            UNION SELECT day FROM invoice_daily
            UNION SELECT day FROM stock_daily
            UNION SELECT day FROM expense_daily),
        reports AS (
            INSERT INTO report_dirty_days (day) SELECT day FROM days ON CONFLICT DO NOTHING)
        INSERT INTO kpi_day_versions (day, version)
        SELECT day, (SELECT version FROM bumped) FROM days
        ON CONFLICT (day) DO UPDATE SET version = EXCLUDED.version
        """;

    public const string RowCounts = """
        SELECT 'sales_daily', count(*) FROM sales_daily
        UNION ALL SELECT 'invoice_daily', count(*) FROM invoice_daily
        UNION ALL SELECT 'product_daily', count(*) FROM product_daily
        UNION ALL SELECT 'customer_daily', count(*) FROM customer_daily
        UNION ALL SELECT 'customer_first_purchase', count(*) FROM customer_first_purchase
        UNION ALL SELECT 'stock_daily', count(*) FROM stock_daily
        UNION ALL SELECT 'expense_daily', count(*) FROM expense_daily
        """;
}
