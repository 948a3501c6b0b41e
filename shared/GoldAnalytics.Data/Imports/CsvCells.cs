using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GoldAnalytics.Data.Imports;

/// <summary>Writes CSV cells safely for spreadsheets: quoted as needed and formula injection neutralised.</summary>
public static partial class CsvCells
{
    /// <summary>
    /// A cell starting with '=', '+', '-', '@', tab or carriage return would run as a formula when the
    /// file is opened in a spreadsheet; it is prefixed with a quote. Plain numbers (-12.5) stay as they are.
    /// NUL characters, which a spreadsheet truncates at and PostgreSQL cannot store, become U+FFFD.
    /// </summary>
    public static string Neutralise(string cell)
    {
        cell = cell.Replace('\0', '\uFFFD');
        return cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !PlainNumber().IsMatch(cell) ? "'" + cell : cell;
    }

    /// <summary>Appends one CSV line of neutralised, quoted-as-needed cells.</summary>
    public static void AppendLine(StringBuilder csv, IEnumerable<string> cells)
    {
        var first = true;
        foreach (var raw in cells)
        {
            if (!first)
            {
                csv.Append(',');
            }

            first = false;
            var cell = Neutralise(raw);
            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                csv.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                csv.Append(cell);
            }
        }

        csv.Append("\r\n");
    }

    /// <summary>A template: the header row and one example row.</summary>
    public static string Template(ImportKind kind)
    {
        var csv = new StringBuilder();
        AppendLine(csv, kind.Columns.Select(c => c.Name));
        AppendLine(csv, kind.Columns.Select(c => c.Example));
        return csv.ToString();
    }

    [GeneratedRegex(@"^-?\d+(\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();

    internal static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
