using System.Globalization;
using GoldAnalytics.Domain.Sales;

namespace GoldAnalytics.Data.Imports;

/// <summary>Reads CSV cells into typed values by the file's declared culture and date format.</summary>
public sealed class CellReader(CultureInfo culture, string? dateFormat)
{
    private static readonly string[] IsoDates = ["yyyy-MM-dd", "yyyy-M-d"];
    private readonly string[] _dateFormats = dateFormat is null ? IsoDates : [dateFormat, .. IsoDates];

    /// <summary>The value of a non-empty cell, or the reason it cannot be read.</summary>
    public (object? Value, string? Error) Read(ImportColumn column, string cell)
    {
        // The reason never quotes such a cell: PostgreSQL stores no NUL, not even in the import's error list.
        if (cell.Contains('\0', StringComparison.Ordinal))
        {
            return (null, "contains a NUL character (U+0000), which cannot be stored");
        }

        switch (column.Type)
        {
            case CellType.Decimal:
                return decimal.TryParse(cell, NumberStyles.Number, culture, out var number)
                    ? (number, null)
                    : (null, $"'{Clip(cell)}' is not a number (culture {culture.Name}: decimal separator '{culture.NumberFormat.NumberDecimalSeparator}', thousands '{culture.NumberFormat.NumberGroupSeparator}')");
            case CellType.Integer:
                return int.TryParse(cell, NumberStyles.Integer | NumberStyles.AllowThousands, culture, out var whole)
                    ? (whole, null)
                    : (null, $"'{Clip(cell)}' is not a whole number");
            case CellType.Date:
                if (!DateOnly.TryParseExact(cell, _dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return (null, $"'{Clip(cell)}' is not a date ({string.Join(" or ", _dateFormats.Distinct())})");
                }

                return EntryDates.InRange(date) ? (date, null) : (null, $"{Iso(date)} is not between {Iso(EntryDates.Earliest)} and {Iso(EntryDates.Latest)}");
            case CellType.Boolean:
                return cell.ToUpperInvariant() switch
                {
                    "TRUE" or "YES" or "Y" or "1" => (true, null),
                    "FALSE" or "NO" or "N" or "0" => (false, null),
                    _ => (null, $"'{Clip(cell)}' is not true/false, yes/no or 1/0"),
                };
            default:
                return cell.Length <= column.MaxLength ? (cell, null) : (null, $"longer than {column.MaxLength} characters");
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Clip(string cell) => cell.Length <= 40 ? cell : cell[..40] + "…";
}
