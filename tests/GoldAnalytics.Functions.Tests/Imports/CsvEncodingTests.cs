using System.Net;
using System.Text;
using GoldAnalytics.Functions.Tests.Entry;

namespace GoldAnalytics.Functions.Tests.Imports;

public sealed class CsvEncodingTests(EntryHost host) : IClassFixture<EntryHost>
{
    private const string Header = "code,name,phone,email,birthday,city,home_branch_code,registered_on,marketing_opt_in\r\n";

    [Fact]
    public async Task A_file_with_a_utf8_row_and_a_latin1_row_is_refused_naming_the_line_and_nothing_is_imported()
    {
        byte[] mixed = [.. Encoding.UTF8.GetBytes(Header + "E-1,Zoë Müller,,,,,DXB,2026-11-01,no\r\n"), .. "E-2,Zo"u8, 0xEB, .. ",,,,,SHJ,2026-11-02,no\r\n"u8];
        var before = await host.RowCountsAsync();

        var response = await host.ImportAsync("customers", mixed);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var problem = await EntryHost.JsonAsync(response);
        problem.GetProperty("code").GetString().Should().Be("mixed_encoding");
        problem.GetProperty("detail").GetString().Should().StartWith("Line 3 ").And.Contain("UTF-8");
        var error = problem.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("field").GetString().Should().Be("line 3");
        error.GetProperty("code").GetString().Should().Be("mixed_encoding");
        (await host.RowCountsAsync()).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task A_utf16_file_with_its_byte_order_mark_imports_its_names_intact()
    {
        var csv = "\"code\",name,phone,email,birthday,city,home_branch_code,registered_on,marketing_opt_in\r\n"
            + "U-1,\"Zoë Müller\",,,,Zürich,DXB,2026-11-01,no\r\n";

        var response = await host.ImportAsync("customers", [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(csv)]);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await host.ScalarAsync<string>("SELECT name || ' / ' || city FROM customers WHERE code = 'U-1'")).Should().Be("Zoë Müller / Zürich");
    }
}
