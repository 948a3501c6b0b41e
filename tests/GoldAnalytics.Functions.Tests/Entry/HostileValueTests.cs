using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Hosting;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace GoldAnalytics.Functions.Tests.Entry;

/// <summary>Values PostgreSQL cannot store or no shop would enter: each is a 4xx naming the field, and nothing is written anywhere.</summary>
public sealed class HostileValueTests(EntryHost host) : IClassFixture<EntryHost>
{
    private const string Line = """{ "productId": 1, "quantity": 1 }""";

    private static readonly string Source = new('x', 2_000_000);

    public static TheoryData<string, string, string, HttpStatusCode, string, string> Requests() => new()
    {
        { "POST", "/api/expenses", """{ "businessDate": "0001-01-01", "category": "rent", "amount": 5 }""", HttpStatusCode.UnprocessableEntity, "businessDate", "date_out_of_range" },
        { "POST", "/api/expenses", """{ "businessDate": "9999-12-31", "category": "rent", "amount": 5 }""", HttpStatusCode.UnprocessableEntity, "businessDate", "date_out_of_range" },
        { "POST", "/api/expenses", """{ "businessDate": "2026-11-20", "category": "", "amount": 5 }""", HttpStatusCode.UnprocessableEntity, "category", "invalid_value" },
        { "POST", "/api/expenses", """{ "businessDate": "2026-11-20", "category": "rent", "amount": 5, "description": "a\u0000b" }""", HttpStatusCode.UnprocessableEntity, "description", "nul_character" },
        { "POST", "/api/stock/movements", """{ "branchId": 1, "productId": 1, "businessDate": "2026-11-20", "kind": "", "quantity": 1 }""", HttpStatusCode.UnprocessableEntity, "kind", "invalid_value" },
        { "POST", "/api/stock/movements", """{ "branchId": 1, "productId": 1, "businessDate": "-infinity", "kind": "receipt", "quantity": 1 }""", HttpStatusCode.UnprocessableEntity, "businessDate", "wrong_type" },
        { "POST", "/api/products", Product("\"makingChargeType\": \"\""), HttpStatusCode.UnprocessableEntity, "makingChargeType", "invalid_value" },
        { "POST", "/api/products", Product("\"makingChargeType\": \"per_gram\", \"metal\": \"\""), HttpStatusCode.UnprocessableEntity, "metal", "invalid_value" },
        { "POST", "/api/customers", """{ "code": "C-1", "name": "a\u0000b" }""", HttpStatusCode.UnprocessableEntity, "name", "nul_character" },
        { "POST", "/api/customers", """{ "code": "C-1", "name": "Amal", "birthday": "1850-01-01" }""", HttpStatusCode.UnprocessableEntity, "birthday", "date_out_of_range" },
        { "POST", "/api/customers", """{ "code": "C-1", "name": "Amal", "registeredOn": "9999-12-31" }""", HttpStatusCode.UnprocessableEntity, "registeredOn", "date_out_of_range" },
        { "POST", "/api/sales/invoices", """{ "branchId": 1, "salespersonId": 1, "businessDate": "2026-11-20", "lines": [null] }""", HttpStatusCode.UnprocessableEntity, "lines[0]", "wrong_type" },
        { "POST", "/api/sales/invoices", $$"""{ "branchId": 1, "salespersonId": 1, "businessDate": "2026-11-20", "issuedAt": "0001-01-01T00:00:00Z", "lines": [{{Line}}] }""", HttpStatusCode.UnprocessableEntity, "issuedAt", "date_out_of_range" },
        { "POST", "/api/sales/invoices", $$"""{ "branchId": 1, "salespersonId": 1, "businessDate": "2026-11-20", "notes": "\u0000", "lines": [{{Line}}] }""", HttpStatusCode.UnprocessableEntity, "notes", "nul_character" },
        { "POST", "/api/sales/quick-sale", """{ "branchId": 1, "salespersonId": 1, "items": [null] }""", HttpStatusCode.UnprocessableEntity, "items[0]", "wrong_type" },
        { "POST", "/api/sales/refunds", """{ "invoiceLineId": 1, "quantity": 1, "businessDate": "9999-12-31" }""", HttpStatusCode.UnprocessableEntity, "businessDate", "date_out_of_range" },
        { "POST", "/api/sales/refunds", """{ "invoiceLineId": 1, "quantity": 1, "reason": "x\u0000" }""", HttpStatusCode.UnprocessableEntity, "reason", "nul_character" },
        { "PUT", "/api/gold-rates/2026-11-20/22", JsonSerializer.Serialize(new { buyPerGram = 1, sellPerGram = 2, source = Source }), HttpStatusCode.UnprocessableEntity, "source", "out_of_range" },
        { "PUT", "/api/gold-rates/2026-11-20/22", """{ "buyPerGram": 1, "sellPerGram": 2, "source": "sheet\u0000" }""", HttpStatusCode.UnprocessableEntity, "source", "nul_character" },
        { "PUT", "/api/gold-rates/9999-12-31/22", """{ "buyPerGram": 1, "sellPerGram": 2 }""", HttpStatusCode.BadRequest, "date", "date_out_of_range" },
        { "DELETE", "/api/gold-rates/0001-01-01/22", "", HttpStatusCode.BadRequest, "date", "date_out_of_range" },
        { "PUT", "/api/targets", """{ "branchId": 1, "month": "9999-12-01", "metric": "revenue", "value": 1 }""", HttpStatusCode.UnprocessableEntity, "month", "date_out_of_range" },
        { "POST", "/api/forecasting/festivals", """{ "name": "Diwali\u0000", "firstDay": "2026-11-08" }""", HttpStatusCode.UnprocessableEntity, "name", "nul_character" },
        { "POST", "/api/forecasting/festivals", """{ "name": "Diwali", "firstDay": "0001-01-01" }""", HttpStatusCode.UnprocessableEntity, "firstDay", "date_out_of_range" },
        { "POST", "/api/webhooks", """{ "name": "ops\u0000", "url": "https://example.com/hook", "eventKinds": ["*"] }""", HttpStatusCode.UnprocessableEntity, "name", "nul_character" },
        { "POST", "/api/keys", """{ "name": "till", "role": "staff,analyst" }""", HttpStatusCode.UnprocessableEntity, "role", "wrong_type" },
        { "POST", "/api/keys", """{ "name": "till", "role": "viewer,admin" }""", HttpStatusCode.UnprocessableEntity, "role", "wrong_type" },
        { "POST", "/api/keys", """{ "name": "till", "role": " admin" }""", HttpStatusCode.UnprocessableEntity, "role", "wrong_type" },
        { "POST", "/api/keys", """{ "name": "till", "role": "4" }""", HttpStatusCode.UnprocessableEntity, "role", "wrong_type" },
        { "GET", "/api/customers/suggest?q=a%00b", "", HttpStatusCode.BadRequest, "q", "nul_character" },
        { "POST", "/api/imports/expenses?fileName=a%00b.csv", "", HttpStatusCode.BadRequest, "fileName", "nul_character" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_hostile_value_is_a_problem_naming_the_field_and_writes_nothing(string method, string path, string body, HttpStatusCode status, string field, string code)
    {
        var before = await host.RowCountsAsync();

        var problem = await (await SendAsync(method, path, body)).ShouldBeProblemAsync(status, code);

        problem.Errors().Should().Contain((field, code));
        (await host.RowCountsAsync()).Should().Equal(before);
    }

    /// <summary>Every read with a date in its query: the KPI cards, the insights, the reports, the festival calendar.</summary>
    public static TheoryData<string, string> DateQueries()
    {
        var data = new TheoryData<string, string>();
        foreach (var (function, trigger) in FunctionCatalogue.Discover(typeof(FunctionApp).Assembly).WithTrigger<HttpTriggerAttribute>())
        {
            if (trigger.Methods.SequenceEqual(["GET"]) && function.Method.GetParameters().Any(IsDate))
            {
                foreach (var date in function.Method.GetParameters().Where(IsDate))
                {
                    data.Add(function.Name, date.Name!);
                }
            }
        }

        return data;
    }

    [Fact]
    public void The_date_queries_include_every_kpi_and_insight_read()
    {
        DateQueries().Select(row => (string)row[0]).Distinct().Should().HaveCountGreaterThanOrEqualTo(19);
    }

    [Theory]
    [MemberData(nameof(DateQueries))]
    public async Task A_read_asked_for_a_day_outside_the_range_is_a_bad_request_naming_the_parameter(string functionName, string parameter)
    {
        var function = host.App.Services.GetRequiredService<HttpFunctionTable>().Functions.Single(f => f.Name == functionName);

        foreach (var day in new[] { "0001-01-01", "9999-12-31" })
        {
            var problem = await (await SendAsync("GET", Url(function, parameter, day), "")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "date_out_of_range");

            problem.Errors().Should().Equal((parameter, "date_out_of_range"));
        }
    }

    private Task<HttpResponseMessage> SendAsync(string method, string path, string body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = body.Length == 0 ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-functions-key", host.AdminKey);
        return host.Client.SendAsync(request);
    }

    // The other values are plausible, so that the date is what binding stops at.
    private static string Url(HttpFunction function, string parameter, string day)
    {
        var path = function.RoutePattern;
        foreach (var route in function.RouteParameters)
        {
            path = path.Replace($"{{{route.Name}}}", route.Name == parameter ? day : Plausible(route, "2026-11-20"), StringComparison.OrdinalIgnoreCase);
        }

        var query = function.QueryParameters
            .Where(p => p.Name == parameter || (!p.HasDefaultValue && !IsOptional(p)))
            .Select(p => $"{p.Name}={(p.Name == parameter ? day : Plausible(p, p.Name == "from" ? "2026-11-01" : "2026-11-20"))}");
        return $"{path}?{string.Join("&", query)}";
    }

    private static string Plausible(ParameterInfo parameter, string day) =>
        (Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType) switch
        {
            var t when t == typeof(DateOnly) => day,
            var t when t == typeof(int) || t == typeof(long) => "1",
            _ => "revenue",
        };

    private static bool IsDate(ParameterInfo parameter) =>
        (Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType) == typeof(DateOnly);

    private static bool IsOptional(ParameterInfo parameter) =>
        Nullable.GetUnderlyingType(parameter.ParameterType) is not null || new NullabilityInfoContext().Create(parameter).WriteState == NullabilityState.Nullable;

    private static string Product(string chargeFields) =>
        $$"""{ "sku": "RNG-X", "name": "Band", "category": "ring", "productLineId": 1, "karat": 22, "netWeightG": 5, {{chargeFields}}, "makingChargeValue": 10, "unitCost": 20 }""";
}
