using CsvHelper;
using Npgsql;
using NpgsqlTypes;

namespace GoldAnalytics.Data.Imports;

/// <summary>What staging a file found: rows read and staged, and the errors of the rows that could not be.</summary>
public sealed record StagingOutcome(int RowsRead, int RowsStaged, IReadOnlyList<ImportError> Errors, int ErrorCount, IReadOnlySet<int> RejectedRows, IReadOnlySet<string> RejectedGroups);

/// <summary>A slice of a file's records by the reader's record number: those after <see cref="After"/>, at most <see cref="Count"/>.</summary>
public sealed record RecordRange(long After, long Count)
{
    /// <summary>Every record of the file.</summary>
    public static RecordRange All { get; } = new(0, long.MaxValue);

    /// <summary>Whether the record comes after the range.</summary>
    public bool IsPast(long record) => record - After > Count;
}

/// <summary>
/// Streams a spooled CSV file into the <c>import_staging</c> table with binary COPY: every cell read
/// by its column's type; rows with unreadable cells are counted and kept out. Memory stays flat.
/// </summary>
public static class StagedRows
{
    /// <summary>Errors kept for the answer; the total is counted beyond it.</summary>
    public const int ErrorCap = 100;

    /// <summary>Checks the header, then copies every readable row into the staging table.</summary>
    public static Task<StagingOutcome> CopyAsync(NpgsqlConnection connection, ImportKind kind, SpooledCsv file, ImportOptions options, CancellationToken cancellationToken) =>
        CopyAsync(connection, kind, file, options, RecordRange.All, cancellationToken);

    /// <summary>Checks the header, then copies the readable rows of <paramref name="range"/> into the staging table.</summary>
    public static async Task<StagingOutcome> CopyAsync(NpgsqlConnection connection, ImportKind kind, SpooledCsv file, ImportOptions options, RecordRange range, CancellationToken cancellationToken)
    {
        await using var parser = Open(file);
        var (columns, width) = await ReadHeaderAsync(parser, kind, cancellationToken);
        var cells = new CellReader(options.Culture, options.DateFormat);
        var errors = new List<ImportError>();
        var rejected = new HashSet<int>();
        var rejectedGroups = new HashSet<string>(StringComparer.Ordinal);
        var group = kind.GroupColumn is { } name ? kind.Columns.ToList().FindIndex(c => c.Name == name) : -1;
        var errorCount = 0;
        int read = 0, staged = 0;
        var values = new object?[kind.Columns.Count];

        await using var importer = await connection.BeginBinaryImportAsync(kind.CopySql, cancellationToken);
        importer.Timeout = TimeSpan.FromMinutes(30);
        var record = new string[width];
        while (await ReadAsync(parser, cancellationToken))
        {
            if (parser.RowNumber <= range.After)
            {
                continue;
            }

            if (range.IsPast(parser.RowNumber))
            {
                break;
            }

            record = Fields(parser, record);
            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            read++;
            var row = RowOf(parser);
            var rowErrors = ReadRow(kind, columns, width, record, row, cells, values);
            if (rowErrors.Count > 0)
            {
                rejected.Add(row);
                // A key with a NUL cannot name a staged invoice (those rows are not staged) nor be sent to PostgreSQL.
                if (group >= 0 && columns[group] >= 0 && columns[group] < record.Length && !record[columns[group]].Contains('\0', StringComparison.Ordinal))
                {
                    rejectedGroups.Add(record[columns[group]]);
                }

                errorCount += rowErrors.Count;
                errors.AddRange(rowErrors.Take(Math.Max(0, ErrorCap - errors.Count)));
                continue;
            }

            importer.StartRow();
            importer.Write(row, NpgsqlDbType.Integer);
            for (var i = 0; i < values.Length; i++)
            {
                Write(importer, kind.Columns[i].Type, values[i]);
            }

            staged++;
        }

        await importer.CompleteAsync(cancellationToken);
        if (read == 0 && range.After == 0)
        {
            throw new NotCsvException("The file has a header but no data rows.", unsupportedMediaType: false);
        }

        return new StagingOutcome(read, staged, errors, errorCount, rejected, rejectedGroups);
    }

    /// <summary>Checks the header and counts the file's records (the reader's last record number), without reading cells.</summary>
    public static async Task<long> CountAsync(ImportKind kind, SpooledCsv file, CancellationToken cancellationToken)
    {
        await using var parser = Open(file);
        await ReadHeaderAsync(parser, kind, cancellationToken);
        long records = 0;
        var data = false;
        while (await ReadAsync(parser, cancellationToken))
        {
            records = parser.RowNumber;
            data = data || Enumerable.Range(0, parser.FieldCount).Any(i => !string.IsNullOrWhiteSpace(parser.GetString(i)));
        }

        return data ? records : throw new NotCsvException("The file has a header but no data rows.", unsupportedMediaType: false);
    }

    /// <summary>The raw cells of the given rows, for the rejected-rows file (a second pass keeps memory flat).</summary>
    public static async IAsyncEnumerable<(int Row, string[] Cells)> RowsAsync(SpooledCsv file, ImportOptions options, IReadOnlySet<int> rows)
    {
        await using var parser = Open(file);
        await parser.ReadHeaderAsync(CancellationToken.None);
        if (rows.Contains(1))
        {
            yield return (1, [.. parser.Headers]);
        }

        while (await ReadAsync(parser, CancellationToken.None))
        {
            if (rows.Contains(RowOf(parser)))
            {
                yield return (RowOf(parser), parser.Current.ToArray());
            }
        }
    }

    // The separator (',', ';', tab or '|') is detected by the reader from how consistently it appears per line.
    private static CsvReader Open(SpooledCsv file) => CsvReader.Create(
        new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16),
        new CsvReaderOptions
        {
            Encoding = file.Encoding,
            HasHeader = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            MaxRecordSize = 1 << 20,
        },
        false);

    /// <summary>The row as a spreadsheet shows it: the header is row 1.</summary>
    private static int RowOf(CsvReader parser) => (int)parser.RowNumber + 1;

    private static async Task<bool> ReadAsync(CsvReader parser, CancellationToken cancellationToken)
    {
        try
        {
            return await parser.ReadAsync(cancellationToken);
        }
        catch (CsvFormatException malformed)
        {
            throw new NotCsvException(
                $"Row {malformed.RecordNumber}: malformed quoting (a quote inside an unquoted field, text after a closing quote or a quote never closed); quote fields that contain quotes, separators or line breaks, and double the quotes inside them.",
                unsupportedMediaType: false);
        }
    }

    private static string[] Fields(CsvReader parser, string[] buffer)
    {
        var fields = parser.FieldCount == buffer.Length ? buffer : new string[parser.FieldCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = parser.GetString(i);
        }

        return fields;
    }

    // Index of each declared column in the file; the header may order the columns freely.
    private static async Task<(int[] Columns, int Width)> ReadHeaderAsync(CsvReader parser, ImportKind kind, CancellationToken cancellationToken)
    {
        try
        {
            await parser.ReadHeaderAsync(cancellationToken);
        }
        catch (CsvFormatException)
        {
            throw new NotCsvException($"The header row has malformed quoting, so it does not match the {kind.Name} template: {string.Join(",", kind.Columns.Select(c => c.Name))}.", unsupportedMediaType: false);
        }

        var header = parser.Headers.ToList();
        if (header.Count == 0)
        {
            throw new NotCsvException("The file is empty; it needs a header row and at least one data row.", unsupportedMediaType: false);
        }

        var names = header.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        var problems = new List<string>();
        var unknown = names.Where(n => n.Length > 0 && kind.Columns.All(c => c.Name != n)).ToList();
        if (unknown.Count > 0)
        {
            problems.Add($"unknown column(s) {string.Join(", ", unknown)}");
        }

        var duplicated = names.Where(n => n.Length > 0).GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicated.Count > 0)
        {
            problems.Add($"column(s) {string.Join(", ", duplicated)} appear more than once");
        }

        var missing = kind.Columns.Where(c => c.Required && !names.Contains(c.Name)).Select(c => c.Name).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"missing column(s) {string.Join(", ", missing)}");
        }

        if (problems.Count > 0)
        {
            throw new NotCsvException($"The header row does not match the {kind.Name} template: {string.Join("; ", problems)}. Download the template with GET /api/imports/{kind.Name}/template.", unsupportedMediaType: false);
        }

        return ([.. kind.Columns.Select(c => names.IndexOf(c.Name))], names.Count);
    }

    private static List<ImportError> ReadRow(ImportKind kind, int[] columns, int width, string[] record, int row, CellReader cells, object?[] values)
    {
        var errors = new List<ImportError>(0);
        // Trailing empty fields (a spreadsheet's extra delimiters) are harmless; anything else off the header's width is not.
        if (record.Length < width || record.Skip(width).Any(c => c.Length > 0))
        {
            errors.Add(new ImportError(row, "*", $"the row has {record.Length} fields but the header has {width}"));
        }

        for (var i = 0; i < columns.Length; i++)
        {
            var column = kind.Columns[i];
            var cell = columns[i] >= 0 && columns[i] < record.Length ? record[columns[i]] : "";
            values[i] = null;
            if (cell.Length == 0)
            {
                if (column.Required)
                {
                    errors.Add(new ImportError(row, column.Name, "a value is required"));
                }

                continue;
            }

            var (value, error) = cells.Read(column, cell);
            if (error is not null)
            {
                errors.Add(new ImportError(row, column.Name, error));
            }

            values[i] = value;
        }

        return errors;
    }

    private static void Write(NpgsqlBinaryImporter importer, CellType type, object? value)
    {
        if (value is null)
        {
            importer.WriteNull();
            return;
        }

        switch (type)
        {
            case CellType.Decimal: importer.Write((decimal)value, NpgsqlDbType.Numeric); break;
            case CellType.Integer: importer.Write((int)value, NpgsqlDbType.Integer); break;
            case CellType.Date: importer.Write((DateOnly)value, NpgsqlDbType.Date); break;
            case CellType.Boolean: importer.Write((bool)value, NpgsqlDbType.Boolean); break;
            default: importer.Write((string)value, NpgsqlDbType.Text); break;
        }
    }
}
