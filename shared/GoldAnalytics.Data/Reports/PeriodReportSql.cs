using GoldAnalytics.Domain.Kpis.Periods;

namespace GoldAnalytics.Data.Reports;

/// <summary>
/// The statements that rewrite a batch of periods of one grain from the rollups: @grain, @starts
/// (the periods' first days), @from and @to (the first and last day they cover), @version.
/// </summary>
internal static class PeriodReportSql
{
    // date_trunc on a timestamp without time zone: the ISO week's Monday, the month's first day, whatever the session zone.
    private const string Start = "(CASE WHEN @grain = 'day' THEN day ELSE date_trunc(@grain, day::timestamp)::date END)";

    private const string End = """
        (CASE @grain WHEN 'day' THEN ps WHEN 'week' THEN ps + 6
                     WHEN 'month' THEN (ps + interval '1 month' - interval '1 day')::date
                     WHEN 'quarter' THEN (ps + interval '3 months' - interval '1 day')::date
                     ELSE (ps + interval '1 year' - interval '1 day')::date END)
        """;

    private const string Sums = """
        sum(gross_sales) AS gross_sales, sum(discounts) AS discounts, sum(tax) AS tax, sum(cost) AS cost, sum(refunds) AS refunds,
        sum(refunded_cost) AS refunded_cost, sum(transactions) AS cell_transactions, sum(units - refunded_units) AS units, sum(grams) AS grams
        """;

    private const string Insert = """
        INSERT INTO period_reports (grain, period_start, period_end, scope, scope_id, gross_sales, discounts, tax, cost, refunds,
                                    refunded_cost, transactions, units, grams, data_version)
        """;

    private const string Values = "gross_sales, discounts, tax, cost, refunds, refunded_cost";

    public const string Delete = "DELETE FROM period_reports WHERE grain = @grain AND period_start = ANY(@starts)";

    // Shop and branch come from invoice_daily (exact invoice counts), as the live KPIs without a product filter.
    public const string Shop = $"""
        WITH s AS (SELECT {Start} AS ps, {Sums} FROM invoice_daily WHERE day BETWEEN @from AND @to GROUP BY 1)
        {Insert}
        SELECT @grain, ps, {End}, 'shop', 0, {Values}, cell_transactions, units, grams, @version
          FROM s WHERE ps = ANY(@starts)
        """;

    public const string Branches = $"""
        WITH s AS (SELECT {Start} AS ps, branch_id, {Sums} FROM invoice_daily WHERE day BETWEEN @from AND @to GROUP BY 1, 2)
        {Insert}
        SELECT @grain, ps, {End}, 'branch', branch_id, {Values}, cell_transactions, units, grams, @version
          FROM s WHERE ps = ANY(@starts)
        """;

    public const string ProductLines = $"""
        WITH s AS (SELECT {Start} AS ps, product_line_id, {Sums} FROM sales_daily WHERE day BETWEEN @from AND @to GROUP BY 1, 2)
        {Insert}
        SELECT @grain, ps, {End}, 'product_line', product_line_id, {Values}, cell_transactions, units, grams, @version
          FROM s WHERE ps = ANY(@starts)
        """;

    public const string Skus = $"""
        WITH s AS (SELECT {Start} AS ps, product_id, {Sums} FROM product_daily WHERE day BETWEEN @from AND @to GROUP BY 1, 2)
        {Insert}
        SELECT @grain, ps, {End}, 'sku', product_id, {Values}, cell_transactions, units, grams, @version
          FROM s WHERE ps = ANY(@starts)
        """;

    // Weeks and months add up their stored days, quarters and years their stored months: every
    // field is additive, so the sums are exactly those over the rollups, at a fraction of the rows.
    public const string FromFinerPeriods = $"""
        {Insert}
        SELECT @grain, ps, {End}, scope, scope_id, sum(gross_sales), sum(discounts), sum(tax), sum(cost), sum(refunds),
               sum(refunded_cost), sum(transactions), sum(units), sum(grams), @version
          FROM (SELECT date_trunc(@grain, period_start::timestamp)::date AS ps, *
                  FROM period_reports WHERE grain = @source AND period_start BETWEEN @from AND @to) finer
         WHERE ps = ANY(@starts)
         GROUP BY ps, scope, scope_id
        """;

    public const string DeleteSnapshots = "DELETE FROM kpi_snapshots WHERE grain = @grain AND period_start = ANY(@starts)";

    public const string ClearDirty = "DELETE FROM report_dirty_periods WHERE grain = @grain AND period_start = ANY(@starts)";

    /// <summary>Days are summed from the rollups; every coarser grain from the stored finer periods.</summary>
    public static IReadOnlyList<string> Rewrite(PeriodGrain grain) =>
        grain == PeriodGrain.Day ? [Delete, Shop, Branches, ProductLines, Skus] : [Delete, FromFinerPeriods];

    /// <summary>The stored grain a coarser grain is summed from.</summary>
    public static PeriodGrain Source(PeriodGrain grain) => grain is PeriodGrain.Quarter or PeriodGrain.Year ? PeriodGrain.Month : PeriodGrain.Day;
}
