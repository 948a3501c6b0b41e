using System.Net;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace GoldAnalytics.Functions.Tests.Kpis;

public sealed class KpiFunctionsTests(DemoShopHost host) : IClassFixture<DemoShopHost>
{
    private const string October = "from=2026-10-01&to=2026-10-31";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static JsonElement Kpi(JsonElement report, string code) =>
        report.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("code").GetString() == code);

    [Fact]
    public async Task Financial_kpis_of_a_month_match_a_scan_of_the_lines()
    {
        var report = await JsonAsync(await host.GetAsync($"/api/kpis/financial?{October}"));
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        var revenue = await connection.ExecuteScalarAsync<decimal>(
            "SELECT sum(gold_value + making_charge + stone_value - discount) FROM invoice_lines WHERE business_date BETWEEN '2026-10-01' AND '2026-10-31' AND deleted_at IS NULL");

        var card = Kpi(report, "revenue");
        card.GetProperty("value").GetDecimal().Should().Be(revenue);
        card.GetProperty("trend").GetProperty("test").GetString().Should().Be("mann-kendall");
        card.GetProperty("sparkline").GetArrayLength().Should().Be(31);
        card.GetProperty("status").GetString().Should().NotBeNullOrEmpty();
        report.GetProperty("previousRange").GetProperty("from").GetString().Should().Be("2026-09-01");
    }

    [Fact]
    public async Task Filters_narrow_the_numbers()
    {
        var all = await JsonAsync(await host.GetAsync($"/api/kpis/financial?{October}"));
        var rings = await JsonAsync(await host.GetAsync($"/api/kpis/financial?{October}&category=ring&karat=22"));

        Kpi(rings, "revenue").GetProperty("value").GetDecimal().Should().BeLessThan(Kpi(all, "revenue").GetProperty("value").GetDecimal());
    }

    [Theory]
    [InlineData("/api/kpis/customers?" + October)]
    [InlineData("/api/kpis/inventory?" + October + "&carryingRate=0.25&deadStockDays=90")]
    [InlineData("/api/kpis/customers/rfm?" + October + "&pageSize=5")]
    [InlineData("/api/kpis/customers/cohorts?from=2026-09-01&to=2026-10-31")]
    [InlineData("/api/kpis/customers/lifetime-value?" + October + "&months=2")]
    [InlineData("/api/insights/salespeople?" + October)]
    [InlineData("/api/insights/products?" + October + "&pageSize=10")]
    [InlineData("/api/insights/product-lines?" + October)]
    [InlineData("/api/insights/branches?from=2026-09-01&to=2026-10-31")]
    [InlineData("/api/insights/customers?" + October)]
    [InlineData("/api/insights/customers/ideal-profile?" + October)]
    [InlineData("/api/insights/movers?" + October + "&perCategory=3")]
    [InlineData("/api/insights/bought-together?from=2026-09-01&to=2026-10-31&minSupport=0.001")]
    [InlineData("/api/insights/costs?from=2026-09-01&to=2026-10-31")]
    public async Task Every_kpi_and_question_answers_a_viewer(string path)
    {
        var response = await host.GetAsync(path);

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        body.Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("/api/kpis/financial?from=2026-10-31&to=2026-10-01", "to")]
    [InlineData("/api/kpis/financial?" + October + "&karat=19", "karat")]
    [InlineData("/api/kpis/financial?from=2010-01-01&to=2026-10-01", "to")]
    [InlineData("/api/insights/products?" + October + "&salesperson=1", "salesperson")]
    [InlineData("/api/insights/salespeople?" + October + "&pageSize=501", "pageSize")]
    [InlineData("/api/insights/bought-together?" + October + "&minSupport=0", "minSupport")]
    [InlineData("/api/reports/history?metric=profitability&" + October, "metric")]
    [InlineData("/api/reports/history?metric=revenue&grain=fortnight&" + October, "grain")]
    public async Task Bad_input_is_a_400_problem_naming_the_field(string path, string field)
    {
        var response = await host.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Should().Contain(field);
    }

    [Fact]
    public async Task Without_a_key_the_kpis_are_refused()
    {
        var response = await host.Client.GetAsync($"/api/kpis/financial?{October}");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
