using System.Text.Json;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;

namespace GoldAnalytics.Functions.Tests;

public sealed class OpenApiCoverageTests(FunctionAppHost host) : IClassFixture<FunctionAppHost>
{
    [Fact]
    public async Task The_document_describes_every_http_function_of_the_app()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/openapi.json") { Headers = { { KeyAuthenticator.HeaderName, await host.KeyAsync(Role.Viewer) } } };
        using var response = await host.Client.SendAsync(request);
        var document = JsonDocument.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement;
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => o.Value.GetProperty("operationId").GetString()))
            .ToList();

        var functions = FunctionCatalogue.Discover(typeof(FunctionApp).Assembly).WithTrigger<HttpTriggerAttribute>().Select(f => f.Function.Name).ToList();
        functions.Should().Contain(["HealthCheck", "CreateKey", "ListKeys", "RevokeKey"]);
        operations.Should().Contain(functions);
        document.GetProperty("paths").GetProperty("/api/keys").GetProperty("post").GetProperty("x-required-role").GetString().Should().Be("admin");
    }
}
