using GoldAnalytics.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Runtime.Tests.Hosting;

public sealed class HostSettingsReaderTests
{
    private static IConfiguration Environment(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static HostSettingsException Rejects(string json, IConfiguration? configuration = null)
    {
        var act = () => HostSettingsReader.Parse(json, configuration);
        return act.Should().Throw<HostSettingsException>().Which;
    }

    [Fact]
    public void The_repository_host_json_is_valid()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "GoldAnalytics.sln")))
        {
            root = root.Parent;
        }

        var settings = HostSettingsReader.Load(Path.Combine(root!.FullName, "host.json"), Environment());

        settings.Version.Should().Be("2.0");
        settings.Extensions.Http.RoutePrefix.Should().Be("api");
    }

    [Fact]
    public void A_minimal_file_gets_the_documented_defaults()
    {
        var settings = HostSettingsReader.Parse("""{ "version": "2.0" }""");

        settings.FunctionTimeout.Should().Be(TimeSpan.FromMinutes(5));
        settings.Extensions.Http.RoutePrefix.Should().Be("api");
        settings.Extensions.Http.MaxRequestBodySize.Should().Be(10 * 1024 * 1024);
        settings.Extensions.Blobs.MaxDequeueCount.Should().Be(5);
        settings.Extensions.DurableTask.HubName.Should().Be("GoldAnalytics");
    }

    [Fact]
    public void Reads_every_section()
    {
        var settings = HostSettingsReader.Parse("""
            {
              "version": "2.0",
              "functionTimeout": "00:00:30",
              "logging": { "logLevel": { "default": "Warning", "Function.HealthCheck": "Debug" } },
              "extensions": {
                "http": { "routePrefix": "v1", "maxRequestBodySize": 1024, "maxConcurrentRequests": 8, "maxOutstandingRequests": 16, "cors": { "allowedOrigins": ["https://shop.example.com"] } },
                "blobs": { "pollingInterval": "00:00:02", "maxDequeueCount": 3 },
                "durableTask": { "hubName": "Shops", "maxConcurrentActivityFunctions": 4, "storageProvider": { "type": "postgres", "anything": [1, 2] } }
              }
            }
            """);

        settings.FunctionTimeout.Should().Be(TimeSpan.FromSeconds(30));
        settings.Logging.LogLevel["Function.HealthCheck"].Should().Be(LogLevel.Debug);
        settings.Extensions.Http.RoutePrefix.Should().Be("v1");
        settings.Extensions.Http.Cors.AllowedOrigins.Should().Equal("https://shop.example.com");
        settings.Extensions.Blobs.PollingInterval.Should().Be(TimeSpan.FromSeconds(2));
        settings.Extensions.DurableTask.MaxConcurrentActivityFunctions.Should().Be(4);
        settings.Extensions.DurableTask.StorageProvider!.Value.GetProperty("type").GetString().Should().Be("postgres");
    }

    [Fact]
    public void An_unknown_setting_stops_start_up_naming_its_path()
    {
        var failure = Rejects("""{ "version": "2.0", "extensions": { "http": { "routePrefx": "x" } } }""");

        failure.Problems.Should().ContainSingle().Which.Should().Be("extensions.http.routePrefx: unknown setting (known settings here: routePrefix, maxRequestBodySize, maxConcurrentRequests, maxOutstandingRequests, cors)");
    }

    [Fact]
    public void A_setting_with_the_wrong_case_gets_a_suggestion()
    {
        var failure = Rejects("""{ "version": "2.0", "FunctionTimeout": "00:01:00" }""");

        failure.Message.Should().Contain("FunctionTimeout: unknown setting (did you mean 'functionTimeout'?)");
    }

    [Theory]
    [InlineData("""{ "version": "2.0", "functionTimeout": 300 }""", "functionTimeout: must be a duration")]
    [InlineData("""{ "version": "2.0", "functionTimeout": "five minutes" }""", "functionTimeout: must be a duration")]
    [InlineData("""{ "version": "2.0", "extensions": { "http": { "maxRequestBodySize": "big" } } }""", "extensions.http.maxRequestBodySize: must be a whole number")]
    [InlineData("""{ "version": "2.0", "extensions": { "http": { "cors": { "allowedOrigins": "https://a.example" } } } }""", "extensions.http.cors.allowedOrigins: must be a list of strings")]
    [InlineData("""{ "version": "2.0", "logging": { "logLevel": { "default": "Loud" } } }""", "logging.logLevel.default: must be one of")]
    [InlineData("""{ "version": "2.0", "extensions": "none" }""", "extensions: must be an object")]
    public void A_value_of_the_wrong_type_stops_start_up_naming_its_path(string json, string expected)
    {
        Rejects(json).Problems.Should().ContainSingle().Which.Should().StartWith(expected);
    }

    [Theory]
    [InlineData("""{ "version": "1.0" }""", "version: must be \"2.0\"")]
    [InlineData("""{ "version": "2.0", "functionTimeout": "00:00:00" }""", "functionTimeout: must be between")]
    [InlineData("""{ "version": "2.0", "extensions": { "http": { "routePrefix": "/api/" } } }""", "extensions.http.routePrefix: must be letters")]
    [InlineData("""{ "version": "2.0", "extensions": { "http": { "maxRequestBodySize": 0 } } }""", "extensions.http.maxRequestBodySize: must be between")]
    [InlineData("""{ "version": "2.0", "extensions": { "http": { "cors": { "allowedOrigins": ["shop.example.com"] } } } }""", "extensions.http.cors.allowedOrigins[0]: must be")]
    [InlineData("""{ "version": "2.0", "extensions": { "blobs": { "maxDequeueCount": 0 } } }""", "extensions.blobs.maxDequeueCount: must be between 1 and 100")]
    [InlineData("""{ "version": "2.0", "extensions": { "durableTask": { "hubName": "a b" } } }""", "extensions.durableTask.hubName: must be")]
    public void An_out_of_range_value_stops_start_up_saying_why(string json, string expected)
    {
        Rejects(json).Problems.Should().ContainSingle().Which.Should().StartWith(expected);
    }

    [Fact]
    public void Reports_every_problem_at_once()
    {
        Rejects("""{ "version": "3", "colour": "gold", "extensions": { "blobs": { "maxDequeueCount": "five" } } }""").Problems.Should().HaveCount(2);
    }

    [Fact]
    public void Malformed_json_stops_start_up_with_its_line()
    {
        Rejects("{ \"version\": \"2.0\",\n  \"functionTimeout\": }").Problems.Should().ContainSingle().Which.Should().StartWith("(file): not valid JSON at line 2");
    }

    [Fact]
    public void Environment_overrides_replace_values_by_path()
    {
        var settings = HostSettingsReader.Parse(
            """{ "version": "2.0", "extensions": { "http": { "routePrefix": "api" } } }""",
            Environment(("GA_HOST:extensions:http:routePrefix", "v2"), ("GA_HOST:extensions:blobs:maxDequeueCount", "7"), ("GA_HOST:functionTimeout", "00:00:10")));

        settings.Extensions.Http.RoutePrefix.Should().Be("v2");
        settings.Extensions.Blobs.MaxDequeueCount.Should().Be(7);
        settings.FunctionTimeout.Should().Be(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Environment_overrides_are_checked_like_the_file()
    {
        var failure = Rejects("""{ "version": "2.0" }""", Environment(("GA_HOST:extensions:http:maxRequestBodySize", "-5"), ("GA_HOST:extensions:http:colour", "red")));

        failure.Problems.Should().ContainSingle(p => p.StartsWith("extensions.http.colour: unknown setting", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_file_stops_start_up_saying_where_it_was_looked_for()
    {
        var act = () => HostSettingsReader.Load("/nowhere/host.json", Environment());

        act.Should().Throw<HostSettingsException>().WithMessage("*host.json not found at /nowhere/host.json*GA_HOST_JSON*");
    }
}
