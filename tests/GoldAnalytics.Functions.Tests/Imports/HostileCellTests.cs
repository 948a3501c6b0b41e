using System.Globalization;
using System.Net;
using System.Text;
using GoldAnalytics.Functions.Tests.Entry;
using GoldAnalytics.Runtime.Tests;

namespace GoldAnalytics.Functions.Tests.Imports;

/// <summary>CSV cells with the values the API refuses (dates PostgreSQL keeps as infinity, NUL characters): row errors, and nothing is imported.</summary>
public sealed class HostileCellTests(EntryHost host) : IClassFixture<EntryHost>
{
    private const string Expenses = "business_date,branch_code,category,amount,description,supplier_code\r\n";
    private const string Customers = "code,name,phone,email,birthday,city,home_branch_code,registered_on,marketing_opt_in\r\n";
    private const string Sales = "invoice_number,business_date,branch_code,salesperson_code,customer_code,sku,quantity,weight_g,gold_rate,making_charge,stone_value,discount,tax_rate,line_total\r\n";

    private static string InTwoYears => DateTime.UtcNow.AddYears(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static TheoryData<string, string, string, string> Files() => new()
    {
        { "expenses", Expenses + "2026-11-20,DXB,rent,100,,\r\n0001-01-01,DXB,rent,100,,\r\n", "row 3: business_date", "is not between 1900-01-01 and 2100-12-31" },
        { "expenses", Expenses + "9999-12-31,DXB,rent,100,,\r\n", "row 2: business_date", "is not between 1900-01-01 and 2100-12-31" },
        { "expenses", Expenses + $"{InTwoYears},DXB,rent,100,,\r\n", "row 2: business_date", "more than 366 days after today" },
        { "expenses", Expenses + "2026-11-20,DXB,rent,100,power\0bill,\r\n", "row 2: description", "NUL character" },
        { "gold-rates", "business_date,karat,buy_per_gram,sell_per_gram,source\r\n9999-12-31,22,274.80,283.96,\r\n", "row 2: business_date", "is not between" },
        { "gold-rates", "business_date,karat,buy_per_gram,sell_per_gram,source\r\n2026-11-19,22,274.80,283.96,sheet\0\r\n", "row 2: source", "NUL character" },
        { "customers", Customers + "H-1,Amal,,,1899-12-31,,,2026-11-01,\r\n", "row 2: birthday", "is not between" },
        { "customers", Customers + "H-1,Amal,,,,,,2101-01-01,\r\n", "row 2: registered_on", "is not between" },
        { "customers", Customers + "H-1,Amal,,,,,,2026-11-01,\r\nH-2,Ba\0dr,,,,,,2026-11-01,\r\n", "row 3: name", "NUL character" },
        { "stock-movements", "business_date,branch_code,sku,kind,quantity,weight_g,note\r\n-infinity,DXB,RNG-22-001,receipt,1,,\r\n", "row 2: business_date", "is not a date" },
        { "sales", Sales + "H-INV-1,0001-01-01,DXB,S1,,RNG-22-001,1,,,,,0,0,\r\n", "row 2: business_date", "is not between" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_row_with_a_hostile_cell_is_a_row_error_and_nothing_is_imported(string kind, string csv, string field, string reason)
    {
        var before = await host.RowCountsAsync();

        var response = await host.ImportAsync(kind, csv);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_rows");
        problem.Errors().Should().Contain((field, "invalid_cell"));
        problem.GetProperty("errors").EnumerateArray().Single(e => e.GetProperty("field").GetString() == field).GetProperty("message").GetString().Should().Contain(reason);
        (await host.RowCountsAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task In_valid_rows_mode_a_row_with_a_nul_is_rejected_and_kept_in_the_rejected_file_without_it()
    {
        var csv = Customers + "N-1,Amal,,,,,,2026-11-01,\r\nN-2,Ba\0dr,,,,,,2026-11-01,\r\n";

        var response = await host.ImportAsync("customers", csv, "?mode=valid-rows");

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await host.ScalarAsync<long>("SELECT count(*) FROM customers WHERE code LIKE 'N-%'")).Should().Be(1);
        var rejected = await (await host.SendAsync(HttpMethod.Get, response.Headers.Location!.ToString(), key: host.ViewerKey)).Content.ReadAsStringAsync();
        rejected.Should().Contain("N-2,Ba\uFFFDdr").And.NotContain("\0");
    }

    [Fact]
    public async Task In_valid_rows_mode_an_invoice_number_with_a_nul_rejects_its_row_and_the_other_invoices_are_written()
    {
        var csv = Sales + "V-INV-1,2026-11-20,DXB,S1,,RNG-22-001,1,,,,,0,0,\r\nV-INV\0-2,2026-11-20,DXB,S1,,RNG-22-001,1,,,,,0,0,\r\n";

        var response = await host.ImportAsync("sales", csv, "?mode=valid-rows");

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await host.ScalarAsync<long>("SELECT count(*) FROM invoices WHERE number LIKE 'V-INV%'")).Should().Be(1);
    }

    [Fact]
    public async Task A_nul_in_the_header_row_or_in_a_file_that_is_not_utf8_still_makes_it_binary()
    {
        var before = await host.RowCountsAsync();

        var header = await host.ImportAsync("expenses", Encoding.UTF8.GetBytes("business_date\0,branch_code,category,amount\r\n2026-11-20,DXB,rent,100\r\n"));
        var latin = await host.ImportAsync("expenses", [.. Encoding.UTF8.GetBytes(Expenses + "2026-11-20,DXB,rent,100,Caf"), 0xE9, 0x00, .. "\r\n"u8.ToArray()]);

        await header.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await latin.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        (await host.RowCountsAsync()).Should().Equal(before);
    }
}
