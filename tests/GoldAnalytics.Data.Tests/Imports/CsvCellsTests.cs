using System.Text;
using GoldAnalytics.Data.Imports;

namespace GoldAnalytics.Data.Tests.Imports;

public sealed class CsvCellsTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\tTAB", "'\tTAB")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("Ring 22K", "Ring 22K")]
    [InlineData("", "")]
    public void Cells_that_a_spreadsheet_would_run_as_formulas_are_prefixed_with_a_quote(string cell, string expected) =>
        CsvCells.Neutralise(cell).Should().Be(expected);

    [Theory]
    [InlineData("Ba\0dr", "Ba\uFFFDdr")]
    [InlineData("\0=1+1", "\uFFFD=1+1")]
    public void Nul_characters_become_replacement_characters(string cell, string expected) =>
        CsvCells.Neutralise(cell).Should().Be(expected);

    [Fact]
    public void Cells_with_separators_quotes_or_line_breaks_are_quoted()
    {
        var csv = new StringBuilder();

        CsvCells.AppendLine(csv, ["a,b", "say \"hi\"", "two\r\nlines", "plain"]);

        csv.ToString().Should().Be("\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",plain\r\n");
    }

    [Fact]
    public void A_template_is_the_header_and_one_example_row_of_every_kind()
    {
        foreach (var kind in ImportKinds.All)
        {
            var lines = CsvCells.Template(kind).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            lines.Should().HaveCount(2, kind.Name);
            lines[0].Split(',').Should().HaveCount(kind.Columns.Count);
        }
    }
}
