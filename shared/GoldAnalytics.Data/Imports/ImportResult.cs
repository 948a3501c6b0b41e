namespace GoldAnalytics.Data.Imports;

/// <summary>One problem of an import file: the row (1 = header), the column and what is wrong.</summary>
public sealed record ImportError(int Row, string Column, string Reason);

/// <summary>How the caller wants invalid rows handled.</summary>
public enum ImportMode
{
    /// <summary>Any invalid row and nothing is written (the default).</summary>
    AllOrNothing,

    /// <summary>The valid rows are written; the rejected ones come back as a CSV file.</summary>
    ValidRows,
}

/// <summary>How a file is to be read: its culture (numbers) and an optional date format besides ISO.</summary>
public sealed record ImportOptions(ImportMode Mode, System.Globalization.CultureInfo Culture, string? DateFormat, string? FileName);

/// <summary>What an import did; <see cref="Errors"/> holds the first errors, <see cref="ErrorCount"/> all of them.</summary>
public sealed record ImportResult(
    long? ImportId,
    string Kind,
    bool Written,
    bool AlreadyImported,
    int RowsRead,
    int RowsWritten,
    int RowsUnchanged,
    int RowsRejected,
    int ErrorCount,
    IReadOnlyList<ImportError> Errors)
{
    /// <summary>Seconds spent per phase (staging, checks, write), for progress reports and benchmarks.</summary>
    public IReadOnlyDictionary<string, double> PhaseSeconds { get; init; } = new Dictionary<string, double>();
}
