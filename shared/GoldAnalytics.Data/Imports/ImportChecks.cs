using GoldAnalytics.Domain.Sales;

namespace GoldAnalytics.Data.Imports;

/// <summary>Set-based checks most import kinds share, written against <c>import_staging</c>.</summary>
internal static class ImportChecks
{
    public static ImportCheck Karat(string column = "karat") =>
        new(column, "unknown karat: the shop trades 24, 22, 21, 18 and 14", $"SELECT row_no FROM import_staging WHERE {column} NOT IN (24, 22, 21, 18, 14)");

    public static ImportCheck Positive(string column) =>
        new(column, "must be greater than 0", $"SELECT row_no FROM import_staging WHERE {column} <= 0");

    public static ImportCheck NotNegative(string column) =>
        new(column, "cannot be negative", $"SELECT row_no FROM import_staging WHERE {column} < 0");

    /// <summary>Values beyond what the column's numeric type stores (or any sane shop would enter).</summary>
    public static ImportCheck AtMost(string column, string limit, bool bothSigns = false) =>
        new(column, bothSigns ? $"must be between -{limit} and {limit}" : $"must be at most {limit}",
            $"SELECT row_no FROM import_staging WHERE {(bothSigns ? $"abs({column})" : column)} > {limit}");

    /// <summary>Values with more decimals than the stored column keeps (rounding them would change the totals).</summary>
    public static ImportCheck Decimals(string column, int places) =>
        new(column, $"more than {places} decimals", $"SELECT row_no FROM import_staging WHERE {column} <> round({column}, {places})");

    public static ImportCheck Branch(string column = "branch_code") =>
        new(column, "no branch has this code", $"SELECT row_no FROM import_staging s WHERE s.{column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM branches b WHERE b.code = s.{column})");

    public static ImportCheck Supplier(string column = "supplier_code") =>
        new(column, "no supplier has this code", $"SELECT row_no FROM import_staging s WHERE s.{column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM suppliers x WHERE x.code = s.{column})");

    public static ImportCheck Product(string column = "sku") =>
        new(column, "no live product has this SKU", $"SELECT row_no FROM import_staging s WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = s.{column} AND p.deleted_at IS NULL)");

    public static ImportCheck OneOf(string column, params string[] values) =>
        new(column, $"must be one of {string.Join(", ", values)}",
            $"SELECT row_no FROM import_staging WHERE {column} IS NOT NULL AND {column} NOT IN ({string.Join(", ", values.Select(v => $"'{v}'"))})");

    /// <summary>Business dates further ahead than the API accepts them: more than a year after today (UTC).</summary>
    public static ImportCheck NotFarAhead(string column = "business_date") =>
        new(column, $"is more than {EntryDates.BusinessDaysAhead} days after today",
            $"SELECT row_no FROM import_staging WHERE {column} > (now() AT TIME ZONE 'UTC')::date + {EntryDates.BusinessDaysAhead}");

    /// <summary>Later rows repeating the natural key of an earlier row of the same file.</summary>
    public static ImportCheck UniqueInFile(string columns, string what) =>
        new(columns.Split(',')[0].Trim(), $"repeats the {what} of an earlier row of the file",
            $"SELECT row_no FROM (SELECT row_no, row_number() OVER (PARTITION BY {columns} ORDER BY row_no) AS n FROM import_staging) d WHERE n > 1");

    /// <summary>The list of distinct business dates and branches of the staged rows, for the domain event.</summary>
    public static string Affected(string dateColumn, string? branchColumn) => branchColumn is null
        ? $"SELECT string_agg(DISTINCT {dateColumn}::text, ',') AS dates, NULL AS branches FROM import_staging"
        : $"""
          SELECT (SELECT string_agg(DISTINCT {dateColumn}::text, ',') FROM import_staging) AS dates,
                 (SELECT string_agg(DISTINCT b.id::text, ',') FROM import_staging s JOIN branches b ON b.code = s.{branchColumn}) AS branches
          """;
}
