using Dapper;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;

namespace GoldAnalytics.Data.Insights;

/// <summary>Filter, range and paging as Dapper parameters; the same names as the KPI queries.</summary>
internal static class InsightParameters
{
    public static DynamicParameters For(KpiFilter filter, DateRange range, PageRequest? page = null)
    {
        var parameters = new DynamicParameters();
        parameters.Add("from", range.From.ToDateTime(TimeOnly.MinValue), System.Data.DbType.Date);
        parameters.Add("to", range.To.ToDateTime(TimeOnly.MinValue), System.Data.DbType.Date);
        parameters.Add("branch", filter.BranchId, System.Data.DbType.Int32);
        parameters.Add("product_line", filter.ProductLineId, System.Data.DbType.Int32);
        parameters.Add("category", filter.Category, System.Data.DbType.String);
        parameters.Add("karat", filter.Karat is { } k ? (short?)k : null, System.Data.DbType.Int16);
        parameters.Add("salesperson", filter.SalespersonId, System.Data.DbType.Int32);
        parameters.Add("limit", page?.Size ?? int.MaxValue, System.Data.DbType.Int32);
        parameters.Add("offset", page?.Offset ?? 0, System.Data.DbType.Int32);
        return parameters;
    }

    /// <summary>The block bucket of a rollup row: its day, or its month start unless @by_day.</summary>
    public const string Bucket = "CASE WHEN @by_day THEN day ELSE date_trunc('month', day)::date END";

    /// <summary>Profit and margin columns over summed rollup measures, the SalesKpis formulas in SQL.</summary>
    public const string Money = """
        sum(gross_sales - discounts)::numeric AS revenue,
        sum(gross_sales - discounts - refunds)::numeric AS net_revenue,
        sum(gross_sales - discounts - refunds - cost + refunded_cost)::numeric AS gross_profit,
        sum(units - refunded_units)::bigint AS units
        """;
}
