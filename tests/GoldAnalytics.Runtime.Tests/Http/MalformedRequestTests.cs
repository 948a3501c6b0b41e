using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Hosting;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;
using GoldAnalytics.Runtime.Tests.Samples;
using Microsoft.Extensions.DependencyInjection;

namespace GoldAnalytics.Runtime.Tests.Http;

public sealed class MalformedRequestTests : IAsyncLifetime
{
    private const int BodyLimit = 32 * 1024;

    // Explode fails on purpose and Slow outlives the test's patience; every other sample shape is fuzzed.
    private static readonly string[] Deliberate = ["Explode", "Slow"];

    private readonly RuntimeDatabase _database = new();
    private RuntimeHost _host = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = await RuntimeHost.StartAsync(_database.ConnectionString, $$"""{ "version": "2.0", "extensions": { "http": { "maxRequestBodySize": {{BodyLimit}} } } }""");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    public static TheoryData<string> SampleFunctions()
    {
        var data = new TheoryData<string>();
        foreach (var (function, _) in FunctionCatalogue.Discover(typeof(HttpSamples).Assembly).WithTrigger<HttpTriggerAttribute>().Where(f => !Deliberate.Contains(f.Function.Name)))
        {
            data.Add(function.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SampleFunctions))]
    public async Task Malformed_requests_of_every_kind_get_a_client_error_problem_and_never_a_server_error(string functionName)
    {
        var function = _host.Services.GetRequiredService<HttpFunctionTable>().Functions.Single(f => f.Name == functionName);
        var admin = await _host.KeyAsync(Role.Admin);

        var (failures, codes) = await new MalformedRequests(admin, BodyLimit).SendAsync(_host.Client, function, 200, new Random(functionName.GetHashCode(StringComparison.Ordinal)));

        failures.Should().BeEmpty();
        codes.Should().Contain(MalformedRequests.ExpectedCodes(function));
    }
}
