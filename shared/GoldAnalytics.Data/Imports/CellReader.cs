using System.Globalization;

namespace GoldAnalytics.Data.Imports;

/// <summary>Reads CSV cells into typed values by the file's declared culture and date format.</summary>
public sealed class CellReader(CultureInfo culture, string? dateFormat)
{
    private static readonly string[] IsoDates = ["yyyy-MM-dd", "yyyy-M-d"];
    private readonly string[] _dateFormats = dateFormat is null ? IsoDates : [dateFormat, .. IsoDates];

    /// <summary>The value of a non-empty cell, or the reason it cannot be read.</summary>
    public (object? Value, string? Error) Read(ImportColumn column, string cell)
    {
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
                return DateOnly.TryParseExact(cell, _dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? (date, null)
                    : (null, $"'{Clip(cell)}' is not a date ({string.Join(" or ", _dateFormats.Distinct())})");
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

    private static string Clip(string cell) => cell.Length <= 40 ? cell : cell[..40] + "…";
}
