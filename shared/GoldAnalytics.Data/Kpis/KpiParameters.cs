using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Kpis;

/// <summary>The filter and range as typed SQL parameters, and the WHERE clause every rollup query shares.</summary>
internal static class KpiParameters
{
    /// <summary>Filter predicates over the rollup columns; null parameters match everything.</summary>
    public const string SalesWhere = """
        AND (@branch::int IS NULL OR branch_id = @branch)
        AND (@product_line::int IS NULL OR product_line_id = @product_line)
        AND (@category::text IS NULL OR category = @category)
        AND (@karat::smallint IS NULL OR karat = @karat)
        AND (@salesperson::int IS NULL OR salesperson_id = @salesperson)
        """;

    /// <summary>The same predicates for rollups without a salesperson column.</summary>
    public const string ProductWhere = """
        AND (@branch::int IS NULL OR branch_id = @branch)
        AND (@product_line::int IS NULL OR product_line_id = @product_line)
        AND (@category::text IS NULL OR category = @category)
        AND (@karat::smallint IS NULL OR karat = @karat)
        """;

    public static void Add(NpgsqlCommand command, KpiFilter filter, DateRange range)
    {
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("from", range.From));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("to", range.To));
        command.Parameters.Add(Nullable("branch", filter.BranchId));
        command.Parameters.Add(Nullable("product_line", filter.ProductLineId));
        command.Parameters.Add(new NpgsqlParameter("category", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)filter.Category ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("karat", NpgsqlTypes.NpgsqlDbType.Smallint) { Value = filter.Karat is { } k ? (short)k : DBNull.Value });
        command.Parameters.Add(Nullable("salesperson", filter.SalespersonId));
    }

    private static NpgsqlParameter Nullable(string name, int? value) =>
        new(name, NpgsqlTypes.NpgsqlDbType.Integer) { Value = value is { } v ? v : DBNull.Value };
}
