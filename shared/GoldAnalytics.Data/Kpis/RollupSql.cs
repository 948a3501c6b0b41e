namespace GoldAnalytics.Data.Kpis;

/// <summary>
/// Where a rebuild applies: whole days (<c>@days</c>) or (day, branch) cells (<c>@days</c> and
/// <c>@branches</c>, paired by position). Renders the predicate for a table's day and branch columns.
/// </summary>
internal sealed record RollupScope(bool ByBranch)
{
    public static RollupScope Days { get; } = new(false);

    public static RollupScope Cells { get; } = new(true);

    // Unnested parameter arrays are estimated at a handful of rows, so the planner probes the
    // (branch, day) indexes per cell instead of scanning the lines.
    public string Where(string day, string branch) => ByBranch
        ? $"({day}, {branch}) IN (SELECT d, b FROM unnest(@days, @branches) AS c(d, b))"
        : $"{day} = ANY(@days)";
}

/// <summary>The statements that rebuild the rollups in a scope, per source, in order, inside one transaction.</summary>
internal static class RollupSql
{
    // Lines and refunds as one stream of facts: a refund is a fact on its own business date, at its
    // branch, with the refunded line's salesperson, product and customer. Refunds are stored with
    // tax; the tax share is taken out at the line's rate so revenue stays tax-exclusive.
    private static string Facts(RollupScope scope) =>
        "CREATE TEMP TABLE kpi_facts ON COMMIT DROP AS\n" + FactsSelect(scope.Where("l.business_date", "l.branch_id"), scope.Where("r.business_date", "r.branch_id"));

    /// <summary>The facts of the lines and refunds matching the two predicates (over <c>l</c> and <c>r</c>), as one stream with every measure.</summary>
    internal static string FactsSelect(string lineWhere, string refundWhere) => $"""
        SELECT day, branch_id, salesperson_id, customer_id, product_id, category, product_line_id, karat, invoice_id,
               gross_sales, discounts, tax, cost, 0::numeric AS refunds, 0::numeric AS refunded_cost,
               units, grams, 0 AS refunded_units
          FROM ({LineFacts(lineWhere)}) lines
        UNION ALL
        SELECT day, branch_id, salesperson_id, customer_id, product_id, category, product_line_id, karat, NULL,
               0, 0, 0, 0, refunds, refunded_cost,
               0, 0, refunded_units
          FROM ({RefundFacts(refundWhere)}) refunds
        """;

    /// <summary>The live lines matching the predicate (over <c>l</c>), with the measures a line has; the refresh and the full rebuild read the same facts.</summary>
    internal static string LineFacts(string where) => $"""
        SELECT l.business_date AS day, l.branch_id, l.salesperson_id, l.customer_id, l.product_id, l.category,
               l.product_line_id, l.karat, l.invoice_id,
               l.gold_value + l.making_charge + l.stone_value AS gross_sales, l.discount AS discounts, l.tax,
               l.line_cost AS cost, l.quantity AS units, l.weight_g AS grams
          FROM invoice_lines l
         WHERE {where} AND l.deleted_at IS NULL
        """;

    /// <summary>The refunds of live lines matching the predicate (over <c>r</c>), with the measures a refund has.</summary>
    internal static string RefundFacts(string where) => $"""
        SELECT r.business_date AS day, r.branch_id, l.salesperson_id, l.customer_id, r.product_id, l.category,
               l.product_line_id, l.karat,
               round(r.amount / (1 + l.tax_rate), 2) AS refunds, r.cost_reversed AS refunded_cost, r.quantity AS refunded_units
          FROM refunds r
          JOIN invoice_lines l ON l.id = r.invoice_line_id
         WHERE {where} AND l.deleted_at IS NULL
        """;

    internal const string Measures = """
        sum(gross_sales), sum(discounts), sum(tax), sum(cost), sum(refunds), sum(refunded_cost),
        count(DISTINCT invoice_id), sum(units), sum(grams), sum(refunded_units)
        """;

    /// <summary>Sales, invoice, product and customer rollups (and first purchases) from lines and refunds.</summary>
    public static IReadOnlyList<string> Sales(RollupScope scope) =>
    [
        Facts(scope),
        $"DELETE FROM sales_daily WHERE {scope.Where("day", "branch_id")}",
        $"""
        INSERT INTO sales_daily
        SELECT day, branch_id, salesperson_id, category, product_line_id, karat, {Measures}
          FROM kpi_facts GROUP BY day, branch_id, salesperson_id, category, product_line_id, karat
        """,
        $"DELETE FROM invoice_daily WHERE {scope.Where("day", "branch_id")}",
        $"""
        INSERT INTO invoice_daily (day, branch_id, salesperson_id, gross_sales, discounts, tax, cost, refunds, refunded_cost,
                                   transactions, units, grams, refunded_units)
        SELECT day, branch_id, salesperson_id, {Measures}
          FROM kpi_facts GROUP BY day, branch_id, salesperson_id
        """,
        $"DELETE FROM product_daily WHERE {scope.Where("day", "branch_id")}",
        $"""
        INSERT INTO product_daily
        SELECT day, branch_id, product_id, min(category), min(product_line_id), min(karat), {Measures}
          FROM kpi_facts GROUP BY day, branch_id, product_id
        """,
        $"""
        CREATE TEMP TABLE kpi_touched_customers ON COMMIT DROP AS
        SELECT DISTINCT customer_id FROM customer_daily WHERE {scope.Where("day", "branch_id")}
        """,
        $"DELETE FROM customer_daily WHERE {scope.Where("day", "branch_id")}",
        """
        INSERT INTO customer_daily
        SELECT day, customer_id, branch_id, count(DISTINCT invoice_id),
               sum(gross_sales - discounts - refunds),
               sum(gross_sales - discounts - refunds - cost + refunded_cost)
          FROM kpi_facts WHERE customer_id IS NOT NULL GROUP BY day, customer_id, branch_id
        """,
        """
        INSERT INTO kpi_touched_customers SELECT DISTINCT customer_id FROM kpi_facts WHERE customer_id IS NOT NULL
        """,
        // A first purchase can only change if it was on or after the earliest rebuilt day; earlier ones stand.
        """
        DELETE FROM customer_first_purchase f USING kpi_touched_customers t
         WHERE f.customer_id = t.customer_id AND f.first_day >= (SELECT min(d) FROM unnest(@days) AS d)
        """,
        scope.ByBranch ? FirstPurchaseProbes : FirstPurchaseSort,
    ];

    // A few touched customers: one index probe each (customer_daily_customer), never a scan of all customers.
    private const string FirstPurchaseProbes = """
        INSERT INTO customer_first_purchase (customer_id, first_day, branch_id)
        SELECT t.customer_id, f.day, f.branch_id
          FROM (SELECT DISTINCT customer_id FROM kpi_touched_customers k
                 WHERE NOT EXISTS (SELECT 1 FROM customer_first_purchase p WHERE p.customer_id = k.customer_id)) t
          CROSS JOIN LATERAL (
                SELECT c.day, c.branch_id FROM customer_daily c
                 WHERE c.customer_id = t.customer_id AND c.invoices > 0
                 ORDER BY c.day, c.branch_id LIMIT 1) f
        """;

    // Whole days (a bulk load touches most customers): one sort of customer_daily instead of a probe
    // per customer, whose plan goes wrong on rows this transaction has just written (no statistics yet).
    private const string FirstPurchaseSort = """
        INSERT INTO customer_first_purchase (customer_id, first_day, branch_id)
        SELECT DISTINCT ON (c.customer_id) c.customer_id, c.day, c.branch_id
          FROM customer_daily c
         WHERE c.invoices > 0
           AND c.customer_id IN (SELECT customer_id FROM kpi_touched_customers)
           AND NOT EXISTS (SELECT 1 FROM customer_first_purchase p WHERE p.customer_id = c.customer_id)
         ORDER BY c.customer_id, c.day, c.branch_id
        """;

    /// <summary>The stock journal per day, branch and SKU.</summary>
    public static IReadOnlyList<string> Stock(RollupScope scope) =>
    [
        $"DELETE FROM stock_daily WHERE {scope.Where("day", "branch_id")}",
        $"""
        INSERT INTO stock_daily
        SELECT business_date, branch_id, product_id, sum(quantity), sum(weight_g),
               coalesce(sum(quantity) FILTER (WHERE kind IN ('receipt', 'transfer_in')), 0),
               coalesce(-sum(quantity) FILTER (WHERE kind = 'sale'), 0)
          FROM stock_movements WHERE {scope.Where("business_date", "branch_id")}
         GROUP BY business_date, branch_id, product_id
        """,
    ];

    /// <summary>Expenses per day, branch (0 for head office) and category.</summary>
    public static IReadOnlyList<string> Expenses(RollupScope scope) =>
    [
        $"DELETE FROM expense_daily WHERE {scope.Where("day", "branch_id")}",
        $"""
        INSERT INTO expense_daily
        SELECT business_date, coalesce(branch_id, 0), category, sum(amount)
          FROM expenses WHERE {scope.Where("business_date", "coalesce(branch_id, 0)")} AND deleted_at IS NULL
         GROUP BY business_date, coalesce(branch_id, 0), category
        """,
    ];
}
