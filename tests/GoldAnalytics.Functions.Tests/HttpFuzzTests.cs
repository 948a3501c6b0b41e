using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Hosting;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Tests.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GoldAnalytics.Functions.Tests;

/// <summary>The app with a small body limit, so that oversized bodies are cheap to send.</summary>
public sealed class FuzzHost : FunctionAppHost
{
    public const int BodyLimit = 64 * 1024;

    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["GA_HOST:extensions:http:maxRequestBodySize"] = BodyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

public sealed class HttpFuzzTests(FuzzHost host) : IClassFixture<FuzzHost>
{
    private const int RequestsPerFunction = 300;

    /// <summary>Every HTTP function of the product, so that new functions are fuzzed without touching this test.</summary>
    public static TheoryData<string> HttpFunctions()
    {
        var data = new TheoryData<string>();
        foreach (var (function, _) in FunctionCatalogue.Discover(typeof(FunctionApp).Assembly).WithTrigger<HttpTriggerAttribute>())
        {
            data.Add(function.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public async Task Hundreds_of_malformed_requests_cause_no_server_error_and_no_write(string functionName)
    {
        var function = host.App.Services.GetRequiredService<HttpFunctionTable>().Functions.Single(f => f.Name == functionName);
        var before = await host.RowCountsAsync();

        var (failures, codes) = await new MalformedRequests(host.AdminKey, FuzzHost.BodyLimit)
            .SendAsync(host.Client, function, RequestsPerFunction, new Random(functionName.Length * 7919 + 20261121));

        failures.Should().BeEmpty();
        codes.Should().Contain(MalformedRequests.ExpectedCodes(function), "the requests must reach binding, not just bounce at the door");
        (await host.RowCountsAsync()).Should().Equal(before, "no malformed request may write anything");
    }
}
