namespace GoldAnalytics.Data.Reports;

/// <summary>The statements that rewrite one period's report rows from the rollups.</summary>
internal static class PeriodReportSql
{
    private const string Sums = """
        sum(gross_sales), sum(discounts), sum(tax), sum(cost), sum(refunds), sum(refunded_cost)
        """;

    private const string Quantities = "sum(units - refunded_units), sum(grams)";

    public const string Delete = "DELETE FROM period_reports WHERE grain = @grain AND period_start = @start";

    // Shop and branch transactions are exact invoice counts (invoice_daily), as in the live KPIs.
    public const string Shop = $"""
        INSERT INTO period_reports (grain, period_start, period_end, scope, scope_id, gross_sales, discounts, tax, cost, refunds,
                                    refunded_cost, transactions, units, grams, data_version)
        SELECT @grain, @start, @end, 'shop', 0, {Sums},
               coalesce((SELECT sum(transactions) FROM invoice_daily WHERE day BETWEEN @start AND @end), 0), {Quantities}, @version
          FROM sales_daily WHERE day BETWEEN @start AND @end
        HAVING count(*) > 0
        """;

    public const string Branches = $"""
        INSERT INTO period_reports (grain, period_start, period_end, scope, scope_id, gross_sales, discounts, tax, cost, refunds,
                                    refunded_cost, transactions, units, grams, data_version)
        SELECT @grain, @start, @end, 'branch', s.branch_id, {Sums}, coalesce(min(i.transactions), 0), {Quantities}, @version
          FROM sales_daily s
          LEFT JOIN (SELECT branch_id, sum(transactions) AS transactions FROM invoice_daily
                      WHERE day BETWEEN @start AND @end GROUP BY branch_id) i USING (branch_id)
         WHERE s.day BETWEEN @start AND @end
         GROUP BY s.branch_id
        """;

    public const string ProductLines = $"""
        INSERT INTO period_reports (grain, period_start, period_end, scope, scope_id, gross_sales, discounts, tax, cost, refunds,
                                    refunded_cost, transactions, units, grams, data_version)
        SELECT @grain, @start, @end, 'product_line', product_line_id, {Sums}, sum(transactions), {Quantities}, @version
          FROM sales_daily WHERE day BETWEEN @start AND @end
         GROUP BY product_line_id
        """;

    public const string Skus = $"""
        INSERT INTO period_reports (grain, period_start, period_end, scope, scope_id, gross_sales, discounts, tax, cost, refunds,
                                    refunded_cost, transactions, units, grams, data_version)
        SELECT @grain, @start, @end, 'sku', product_id, {Sums}, sum(transactions), {Quantities}, @version
          FROM product_daily WHERE day BETWEEN @start AND @end
         GROUP BY product_id
        """;

    public const string DeleteSnapshots = "DELETE FROM kpi_snapshots WHERE grain = @grain AND period_start = @start";

    public const string ClearDirty = "DELETE FROM report_dirty_periods WHERE grain = @grain AND period_start = @start";
}
