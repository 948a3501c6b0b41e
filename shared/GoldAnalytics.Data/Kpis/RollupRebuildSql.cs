namespace GoldAnalytics.Data.Kpis;

/// <summary>
/// The statements of a full rebuild of the rollups from the lines around the months' fills
/// (<see cref="Rebuild.MonthFill"/>): the lock, the bounds, the expenses, the stamping of every day.
/// </summary>
internal static class RollupRebuildSql
{
    /// <summary>Every rollup table, largest first (the order their indexes are built in).</summary>
    public static IReadOnlyList<string> Tables { get; } =
    [
        "customer_daily", "sales_daily", "product_daily", "stock_daily", "customer_first_purchase", "invoice_daily", "expense_daily",
    ];

    /// <summary>What fills a shadow table after the months: the expenses, a small table read once.</summary>
    public static IReadOnlyDictionary<string, string> Completions => new Dictionary<string, string>
    {
        ["expense_daily"] = Expenses,
    };

    // A month's stock movements are summed in one hash table in memory; JIT would compile every
    // month's statement anew for longer than the statement runs. The sessions already keep both cores
    // busy: parallel workers would only ship each month's facts through shared memory once more,
    // which made reading a month's facts about three times slower.
    public const string Settings = "SET LOCAL work_mem = '256MB'; SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0";

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

    public static readonly string Expenses = $"""
        INSERT INTO expense_daily{RollupShadowTables.Suffix}
        SELECT business_date, coalesce(branch_id, 0), category, sum(amount)
          FROM expenses WHERE deleted_at IS NULL
         GROUP BY business_date, coalesce(branch_id, 0), category
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
