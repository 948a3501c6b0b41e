using System.Net;
using System.Text.Json;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;
using GoldAnalytics.Runtime.Tests.Samples;

namespace GoldAnalytics.Runtime.Tests.OpenApi;

public sealed class OpenApiDocumentTests(RuntimeHostFixture fixture) : IClassFixture<RuntimeHostFixture>
{
    private async Task<JsonElement> DocumentAsync()
    {
        var response = await fixture.Client.SendAsync(RuntimeHost.Request(HttpMethod.Get, "/api/openapi.json", fixture.Keys[Role.Viewer]));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task The_document_is_refused_without_a_key_or_with_an_unknown_one()
    {
        await (await fixture.Client.GetAsync("/api/openapi.json")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "missing_key");
        await (await fixture.Client.SendAsync(RuntimeHost.Request(HttpMethod.Get, "/api/openapi.json", "ga_not-a-key")))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_key");
    }

    [Fact]
    public async Task A_viewer_key_gets_the_document_in_the_header_or_the_code_parameter()
    {
        var byCode = await fixture.Client.GetAsync($"/api/openapi.json?code={Uri.EscapeDataString(fixture.Keys[Role.Viewer])}");

        byCode.StatusCode.Should().Be(HttpStatusCode.OK);
        byCode.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await DocumentAsync()).GetProperty("paths").EnumerateObject().Should().NotBeEmpty();
    }

    [Fact]
    public async Task Every_http_function_of_the_catalogue_is_in_the_document_with_its_methods()
    {
        var document = await DocumentAsync();
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => op.Value.GetProperty("operationId").GetString()!.Split('_')[0]))
            .ToHashSet();

        var functions = FunctionCatalogue.Discover(typeof(HttpSamples).Assembly).WithTrigger<HttpTriggerAttribute>().Select(f => f.Function.Name);
        operations.Should().Contain(functions).And.Contain("Events");
        document.GetProperty("openapi").GetString().Should().StartWith("3.");
    }

    [Fact]
    public async Task Route_and_query_parameters_are_described_with_their_types()
    {
        var search = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/items").GetProperty("get");

        var parameters = search.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        parameters.Keys.Should().BeEquivalentTo(["karat", "top", "since", "branch"]);
        parameters["top"].GetProperty("in").GetString().Should().Be("query");
        parameters["top"].GetProperty("required").GetBoolean().Should().BeFalse();
        parameters["top"].GetProperty("schema").GetProperty("type").ToString().Should().Contain("integer");

        var item = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/items/{id}").GetProperty("get");
        item.GetProperty("parameters")[0].GetProperty("in").GetString().Should().Be("path");
    }

    [Fact]
    public async Task Request_and_response_records_become_component_schemas()
    {
        var document = await DocumentAsync();
        var quote = document.GetProperty("paths").GetProperty("/api/quotes").GetProperty("post");

        quote.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()
            .Should().Be("#/components/schemas/QuoteRequest");
        quote.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()
            .Should().Be("#/components/schemas/Quote");
        var request = document.GetProperty("components").GetProperty("schemas").GetProperty("QuoteRequest");
        request.GetProperty("properties").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["grams", "karat", "note", "stones"]);
        request.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Should().Contain(["grams", "karat"]);
    }

    [Fact]
    public async Task Typed_results_give_their_status_codes()
    {
        var approve = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/orders/{orderId}/approve").GetProperty("post");

        approve.GetProperty("responses").TryGetProperty("201", out _).Should().BeTrue();
        approve.GetProperty("x-required-role").GetString().Should().Be("manager");
    }

    [Fact]
    public async Task Protected_operations_require_the_key_and_anonymous_ones_do_not()
    {
        var document = await DocumentAsync();

        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("functionKey").GetProperty("name").GetString().Should().Be("x-functions-key");
        document.GetProperty("paths").GetProperty("/api/items/{id}").GetProperty("get").TryGetProperty("security", out _).Should().BeTrue();
        document.GetProperty("paths").GetProperty("/api/ping").GetProperty("get").TryGetProperty("security", out _).Should().BeFalse();
        document.GetProperty("paths").GetProperty("/api/items/{id}").GetProperty("get").GetProperty("responses").TryGetProperty("401", out _).Should().BeTrue();
    }
}
