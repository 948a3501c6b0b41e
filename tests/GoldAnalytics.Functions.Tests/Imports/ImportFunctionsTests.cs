using System.Net;
using System.Text;
using GoldAnalytics.Data.Imports;
using GoldAnalytics.Functions.Tests.Entry;

namespace GoldAnalytics.Functions.Tests.Imports;

public sealed class ImportFunctionsTests(EntryHost host) : IClassFixture<EntryHost>
{
    public static TheoryData<string> Kinds() => [.. ImportKinds.All.Select(k => k.Name)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Each_kind_has_a_template_with_its_header_and_an_example_row(string kind)
    {
        var response = await host.SendAsync(HttpMethod.Get, $"/api/imports/{kind}/template", key: host.ViewerKey);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        lines[0].Split(',').Should().Equal(ImportKinds.Find(kind)!.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task Gold_rates_in_a_german_file_with_bom_semicolons_decimal_commas_and_trailing_blank_lines_import_once()
    {
        var csv = "\uFEFFbusiness_date;karat;buy_per_gram;sell_per_gram;source\r\n01.10.2026;24;1.300,50;1.310,75;Händler\r\n01.10.2026;22;1.191,26;1.200,65;\r\n\r\n\r\n";
        var bytes = Encoding.UTF8.GetBytes(csv);

        var first = await host.ImportAsync("gold-rates", bytes, "?culture=de-DE&dateFormat=dd.MM.yyyy");
        var again = await host.ImportAsync("gold-rates", bytes, "?culture=de-DE&dateFormat=dd.MM.yyyy");

        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        (await EntryHost.JsonAsync(first)).GetProperty("rowsWritten").GetInt32().Should().Be(2);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await EntryHost.JsonAsync(again)).GetProperty("alreadyImported").GetBoolean().Should().BeTrue();
        (await host.ScalarAsync<decimal>("SELECT sell_per_gram FROM gold_rates WHERE business_date = '2026-10-01' AND karat = 24")).Should().Be(1310.75m);
        (await host.ScalarAsync<string>("SELECT source FROM gold_rates WHERE business_date = '2026-10-01' AND karat = 24")).Should().Be("Händler");
        (await host.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE kind = 'imports.gold-rates.imported'")).Should().Be(1);
    }

    [Fact]
    public async Task A_windows_1252_file_with_quoted_line_breaks_is_read_correctly_and_a_changed_reimport_updates_by_natural_key()
    {
        var csv = "code,name,phone,email,birthday,city,home_branch_code,registered_on,marketing_opt_in\r\n"
            + "W-1,\"Zoë Müller\r\nc/o Café Ñandú\",,zoe@example.com,,Zürich,DXB,2026-11-01,no\r\n"
            + "W-2,Renée Ågren,,,,,SHJ,2026-11-02,1\r\n";
        var windows1252 = CodePagesEncoding().GetBytes(csv);

        var first = await host.ImportAsync("customers", windows1252);
        var changed = await host.ImportAsync("customers", Encoding.UTF8.GetBytes(csv.Replace("Renée Ågren", "Renée Ågren-Lind", StringComparison.Ordinal)));

        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        (await host.ScalarAsync<string>("SELECT name FROM customers WHERE code = 'W-1'")).Should().Be("Zoë Müller\r\nc/o Café Ñandú");
        var second = await EntryHost.JsonAsync(changed);
        second.GetProperty("rowsWritten").GetInt32().Should().Be(1);
        second.GetProperty("rowsUnchanged").GetInt32().Should().Be(1);
        (await host.ScalarAsync<long>("SELECT count(*) FROM customers WHERE code LIKE 'W-%'")).Should().Be(2);
    }

    [Fact]
    public async Task Imported_sales_are_priced_like_entered_ones_grouped_into_invoices_and_never_imported_twice()
    {
        const string header = "invoice_number,business_date,branch_code,salesperson_code,customer_code,sku,quantity,weight_g,gold_rate,making_charge,stone_value,discount,tax_rate,line_total\r\n";
        var csv = header
            + "IMP-1,2026-11-20,DXB,S1,,RNG-22-001,2,,,,,0,0,2939.60\r\n"
            + "IMP-1,2026-11-20,DXB,S1,,COIN-24-010,1,,,,,0,0.05,\r\n"
            + "IMP-2,2026-11-20,SHJ,S2,,NCK-18-001,1,12.5,,,,100,0,\r\n";

        var response = await host.ImportAsync("sales", csv);
        var overlapping = await host.ImportAsync("sales", csv + "IMP-3,2026-11-20,DXB,S1,,COIN-24-010,1,,,,,0,0,\r\n");

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await EntryHost.JsonAsync(response)).GetProperty("rowsWritten").GetInt32().Should().Be(3);
        (await host.ScalarAsync<decimal>("SELECT total FROM invoices WHERE number = 'IMP-1'")).Should().Be(2939.60m + 3276m); // 10 g × 310 + 20 making, + 5% tax
        (await host.ScalarAsync<decimal>("SELECT making_charge FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.number = 'IMP-2'")).Should().Be(348.75m);
        (await host.ScalarAsync<long>("SELECT count(*) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.number = 'IMP-1'")).Should().Be(2);
        var second = await EntryHost.JsonAsync(overlapping);
        second.GetProperty("rowsWritten").GetInt32().Should().Be(1);
        second.GetProperty("rowsUnchanged").GetInt32().Should().Be(3);
    }

    [Fact]
    public async Task An_invalid_file_lists_at_most_a_hundred_errors_with_the_total_and_writes_nothing()
    {
        var csv = new StringBuilder("business_date,karat,buy_per_gram,sell_per_gram,source\r\n");
        for (var day = 0; day < 150; day++)
        {
            csv.Append(new DateOnly(2025, 1, 1).AddDays(day).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append(",19,300,310,x\r\n");
        }

        csv.Append("2025-12-01,24,300,310,x\r\n");
        var before = await host.RowCountsAsync();

        var response = await host.ImportAsync("gold-rates", csv.ToString());

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var problem = await EntryHost.JsonAsync(response);
        problem.GetProperty("errors").GetArrayLength().Should().Be(100);
        problem.GetProperty("detail").GetString().Should().Contain("150 of 151 rows are invalid (150 errors");
        problem.GetProperty("errors")[0].GetProperty("field").GetString().Should().Be("row 2: karat");
        (await host.RowCountsAsync()).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task Valid_rows_mode_writes_the_good_rows_and_offers_the_rejected_ones_with_formulas_neutralised()
    {
        var csv = "business_date,branch_code,category,amount,description,supplier_code\r\n"
            + "2026-11-20,DXB,rent,5000,November rent,\r\n"
            + "2026-11-20,DXB,parties,100,\"=HYPERLINK(\"\"http://evil\"\")\",\r\n"
            + "2026-11-20,SHJ,utilities,-12.5,@SUM(A1),\r\n"
            + "2026-11-20,SHJ,security,800,Guards,\r\n";

        var response = await host.ImportAsync("expenses", csv, "?mode=valid-rows");

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var result = await EntryHost.JsonAsync(response);
        result.GetProperty("rowsWritten").GetInt32().Should().Be(2);
        result.GetProperty("rowsRejected").GetInt32().Should().Be(2);
        var rejected = await host.SendAsync(HttpMethod.Get, response.Headers.Location!.ToString(), key: host.ViewerKey);
        rejected.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = (await rejected.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(3);
        lines[0].Should().Be("row,business_date,branch_code,category,amount,description,supplier_code,error");
        lines[1].Should().StartWith("3,").And.Contain("\"'=HYPERLINK(\"\"http://evil\"\")\"").And.Contain("category: must be one of");
        lines[2].Should().StartWith("4,").And.Contain(",-12.5,'@SUM(A1),").And.Contain("amount: must be greater than 0");
        (await host.ScalarAsync<long>("SELECT count(*) FROM expenses WHERE import_file_id = @id", new { id = result.GetProperty("importId").GetInt64() })).Should().Be(2);
    }

    [Fact]
    public async Task Stock_movements_update_the_branch_stock()
    {
        var before = await host.ScalarAsync<int>("SELECT on_hand FROM stock_levels WHERE branch_id = 1 AND product_id = 2");

        var response = await host.ImportAsync("stock-movements", "business_date,branch_code,sku,kind,quantity,weight_g,note\r\n2026-11-20,DXB,NCK-18-001,receipt,4,,PO 7\r\n2026-11-20,DXB,NCK-18-001,adjustment,-1,,count\r\n");

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await host.ScalarAsync<int>("SELECT on_hand FROM stock_levels WHERE branch_id = 1 AND product_id = 2")).Should().Be(before + 3);
        (await host.ScalarAsync<decimal>("SELECT weight_g FROM stock_movements WHERE note = 'PO 7'")).Should().Be(50m);
    }

    [Fact]
    public async Task A_file_larger_than_the_hosts_body_limit_for_other_requests_is_streamed_and_imported()
    {
        var csv = new StringBuilder("business_date,branch_code,category,amount,description,supplier_code\r\n");
        var rows = 0;
        while (csv.Length < 11 * 1024 * 1024)
        {
            csv.Append("2026-11-18,SHJ,maintenance,\"1,234.50\",Air conditioning service visit number ").Append(rows++).Append(",\r\n");
        }

        var response = await host.ImportAsync("expenses", csv.ToString());

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await EntryHost.JsonAsync(response)).GetProperty("rowsWritten").GetInt32().Should().Be(rows);
        (await host.ScalarAsync<decimal>("SELECT sum(amount) FROM expenses WHERE business_date = '2026-11-18' AND category = 'maintenance'")).Should().Be(1234.50m * rows);
    }

    [Theory]
    [InlineData("application/json", "{\"a\":1}", 415)]
    [InlineData("image/png", "PNG", 415)]
    [InlineData("text/csv", "just one line of prose without the right columns\r\nand a second", 422)]
    public async Task Something_that_is_not_a_csv_file_gets_a_clear_415_or_422(string contentType, string body, int status)
    {
        var response = await host.ImportAsync("customers", Encoding.UTF8.GetBytes(body), contentType: contentType);

        ((int)response.StatusCode).Should().Be(status);
        (await EntryHost.JsonAsync(response)).GetProperty("detail").GetString().Should().NotBeNullOrEmpty();
    }

    private static Encoding CodePagesEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }
}
