namespace GoldAnalytics.Data.Imports;

/// <summary>How a CSV cell is read and staged.</summary>
public enum CellType
{
    /// <summary>Trimmed text (empty means absent).</summary>
    Text,

    /// <summary>A number in the declared culture (thousands separators, decimal comma).</summary>
    Decimal,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>A date in ISO form (yyyy-MM-dd) or the declared format.</summary>
    Date,

    /// <summary>true/false, yes/no, 1/0.</summary>
    Boolean,
}

/// <summary>One column of an import file: its header name, type, whether a value is required, and the template's example.</summary>
public sealed record ImportColumn(string Name, CellType Type, bool Required, string Example, int MaxLength = 200)
{
    /// <summary>The staging table's column type.</summary>
    public string SqlType => Type switch
    {
        CellType.Decimal => "numeric",
        CellType.Integer => "int",
        CellType.Date => "date",
        CellType.Boolean => "boolean",
        _ => "text",
    };
}

/// <summary>A set-based rule checked on the staged rows: the SQL returns the row numbers breaking it.</summary>
public sealed record ImportCheck(string Column, string Reason, string Sql);

/// <summary>
/// One kind of import file: its columns, the SQL that prepares, checks and writes the staged rows
/// (table <c>import_staging</c>, one row per CSV record, <c>row_no</c> the record's row in the file),
/// and the SQL listing the business dates and branches it affects (columns dates and branches, comma-separated).
/// Rows sharing a <c>GroupColumn</c> value (an invoice's lines) are written together or not at all.
/// </summary>
public sealed record ImportKind(
    string Name,
    string Entity,
    IReadOnlyList<ImportColumn> Columns,
    IReadOnlyList<ImportCheck> Checks,
    string WriteSql,
    string AffectedSql,
    string PrepareSql = "",
    string? GroupColumn = null)
{
    /// <summary>The DDL of the staging table, dropped at the end of the import's transaction.</summary>
    public string StagingDdl =>
        $"CREATE TEMP TABLE import_staging (row_no int PRIMARY KEY, {string.Join(", ", Columns.Select(c => $"{c.Name} {c.SqlType}"))}) ON COMMIT DROP";

    /// <summary>The DDL of the unlogged staging table of a staged import (in its own schema, first on the search path).</summary>
    public string UnloggedStagingDdl =>
        $"CREATE UNLOGGED TABLE IF NOT EXISTS import_staging (row_no int PRIMARY KEY, {string.Join(", ", Columns.Select(c => $"{c.Name} {c.SqlType}"))})";

    /// <summary>The binary COPY statement filling the staging table.</summary>
    public string CopySql => $"COPY import_staging (row_no, {string.Join(", ", Columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";
}
