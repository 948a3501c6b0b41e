using System.Globalization;
using GoldAnalytics.Data.Imports;

namespace GoldAnalytics.Data.Tests.Imports;

public sealed class CellReaderTests
{
    private static readonly CellReader Reader = new(CultureInfo.InvariantCulture, "dd.MM.yyyy");

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1899-12-31")]
    [InlineData("2101-01-01")]
    [InlineData("31.12.9999")]
    public void A_date_outside_1900_to_2100_is_an_error_naming_the_range(string cell)
    {
        var (value, error) = Reader.Read(new ImportColumn("business_date", CellType.Date, true, ""), cell);

        value.Should().BeNull();
        error.Should().EndWith("is not between 1900-01-01 and 2100-12-31");
    }

    [Theory]
    [InlineData("1900-01-01", 1900, 1, 1)]
    [InlineData("31.12.2100", 2100, 12, 31)]
    public void The_first_and_last_days_of_the_range_are_read(string cell, int year, int month, int day)
    {
        Reader.Read(new ImportColumn("business_date", CellType.Date, true, ""), cell).Should().Be((new DateOnly(year, month, day), (string?)null));
    }

    [Theory]
    [InlineData(CellType.Text, "Ba\0dr")]
    [InlineData(CellType.Date, "2026-11-20\0")]
    [InlineData(CellType.Decimal, "1\0")]
    public void A_cell_with_a_nul_character_is_an_error_that_does_not_quote_it(CellType type, string cell)
    {
        var (value, error) = Reader.Read(new ImportColumn("name", type, true, ""), cell);

        value.Should().BeNull();
        error.Should().Contain("NUL character").And.NotContain("\0");
    }
}
