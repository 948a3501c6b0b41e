using System.Net;
using System.Text.Json;
using Dapper;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Functions.Kpis.WarmUp;
using Npgsql;

namespace GoldAnalytics.Functions.Tests.Kpis.WarmUp;

public sealed class KpiWarmUpTests(WarmingShopHost host) : IClassFixture<WarmingShopHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Requests_arriving_during_warm_up_wait_for_it_and_answer_the_numbers_of_a_scan()
    {
        await WaitUntilAsync(() => Engine("financial").Status == "warming");
        var readyWhileWarming = await host.Client.GetAsync("/api/health/ready");
        var healthWhileWarming = await JsonAsync(await host.Client.GetAsync("/api/health"));
        readyWhileWarming.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await JsonAsync(readyWhileWarming, HttpStatusCode.ServiceUnavailable)).GetProperty("status").GetString().Should().Be("warming");
        healthWhileWarming.GetProperty("status").GetString().Should().Be("healthy", "a warming host answers, only more slowly");
        healthWhileWarming.GetProperty("kpis").GetProperty("status").GetString().Should().Be("warming");

        var financial = host.GetAsync($"/api/kpis/financial?{host.RangeQuery}");
        var customers = host.GetAsync($"/api/kpis/customers?{host.RangeQuery}");
        var inventory = host.GetAsync($"/api/kpis/inventory?{host.RangeQuery}");
        await Task.Delay(300);
        new[] { financial, customers, inventory }.Should().OnlyContain(t => !t.IsCompleted, "KPI requests queue behind the engine fill in progress");
        host.Release();

        var (financialReport, customerReport, inventoryReport) = (await JsonAsync(await financial), await JsonAsync(await customers), await JsonAsync(await inventory));
        var (revenue, soldUnits, activeCustomers) = await ScanAsync();
        Card(financialReport, "revenue").GetProperty("value").GetDecimal().Should().Be(revenue);
        Card(customerReport, "active_customers").GetProperty("value").GetDecimal().Should().Be(activeCustomers);
        inventoryReport.GetProperty("totals").GetProperty("soldUnits").GetInt64().Should().Be(soldUnits);
        revenue.Should().BePositive("the demo shop sold in the last 30 days");
        activeCustomers.Should().BePositive();

        await host.Readiness.WhenReady.WaitAsync(Patience);
        var ready = await JsonAsync(await host.Client.GetAsync("/api/health/ready"));
        ready.GetProperty("status").GetString().Should().Be("ready");
        ready.GetProperty("readyAfterMs").GetDouble().Should().BePositive();
        ready.GetProperty("engines").EnumerateArray().Select(e => e.GetProperty("engine").GetString())
            .Should().Equal("financial", "inventory", "customers", "overview-insights", "customer-mix", "bought-together");
        ready.GetProperty("engines").EnumerateArray().Should().OnlyContain(e => e.GetProperty("status").GetString() == "ready" && e.GetProperty("milliseconds").GetDouble() >= 0);

        var again = await JsonAsync(await host.GetAsync($"/api/kpis/financial?{host.RangeQuery}"));
        Card(again, "revenue").GetProperty("value").GetDecimal().Should().Be(revenue);
        again.GetProperty("dataVersion").GetInt64().Should().Be(financialReport.GetProperty("dataVersion").GetInt64());
    }

    private EngineWarmUp Engine(string name) => host.Readiness.Report().Engines.SingleOrDefault(e => e.Engine == name) ?? new EngineWarmUp(name, "unknown", null);

    private async Task<(decimal Revenue, long SoldUnits, long ActiveCustomers)> ScanAsync()
    {
        var range = host.Range;
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        var revenue = await connection.ExecuteScalarAsync<decimal>(
            "SELECT sum(gold_value + making_charge + stone_value - discount) FROM invoice_lines WHERE business_date BETWEEN @From AND @To AND deleted_at IS NULL",
            new { range.From, range.To });
        var sold = await connection.ExecuteScalarAsync<long>(
            "SELECT coalesce(sum(sold_units), 0)::bigint FROM stock_daily WHERE day BETWEEN @From AND @To", new { range.From, range.To });
        var customers = await CustomerTotalsQuery.LoadAsync(connection, null, range, range.Previous(), CancellationToken.None);
        return (revenue, sold, customers.Active);
    }

    private static JsonElement Card(JsonElement report, string code) =>
        report.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("code").GetString() == code);

    internal static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold in time");
            await Task.Delay(20);
        }
    }
}
