using System.Net;
using System.Text.Json;
using GoldAnalytics.Testing;

namespace GoldAnalytics.Functions.Tests.Operations;

public sealed class HealthFunctionsTests(FunctionAppHost host) : IClassFixture<FunctionAppHost>
{
    [Fact]
    public async Task Reports_every_service_healthy_with_its_latency_and_no_key_needed()
    {
        var response = await host.Client.GetAsync("/api/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        report.GetProperty("status").GetString().Should().Be("healthy");
        foreach (var service in new[] { "host", "database", "blobStorage", "mail" })
        {
            report.GetProperty(service).GetProperty("status").GetString().Should().Be("healthy", service);
            report.GetProperty(service).GetProperty("latencyMs").GetDouble().Should().BeGreaterThanOrEqualTo(0);
        }
    }

    [Fact]
    public async Task A_host_that_does_not_warm_its_kpi_engines_reports_them_disabled_and_is_ready_at_once()
    {
        var health = JsonDocument.Parse(await host.Client.GetStringAsync("/api/health")).RootElement;
        var ready = await host.Client.GetAsync("/api/health/ready");

        health.GetProperty("kpis").GetProperty("status").GetString().Should().Be("disabled");
        health.GetProperty("kpis").GetProperty("engines").GetArrayLength().Should().Be(0);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString().Should().Be("disabled");
    }

    [Fact]
    public async Task Shows_no_connection_details()
    {
        var text = await host.Client.GetStringAsync("/api/health");

        text.Should().NotContain("Username").And.NotContain("postgres").And.NotContain(TestServices.BlobEndpoint.Host)
            .And.NotContain(TestServices.Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.NotContain("Eby8vdM02");
    }
}

/// <summary>A host whose blob storage endpoint has nothing listening.</summary>
public sealed class UnreachableBlobHost : FunctionAppHost
{
    protected override IDictionary<string, string> Settings => new Dictionary<string, string> { ["GA_BLOB_ENDPOINT"] = "http://127.0.0.1:9/devstoreaccount1" };
}

public sealed class UnhealthyServiceTests(UnreachableBlobHost host) : IClassFixture<UnreachableBlobHost>
{
    [Fact]
    public async Task An_unreachable_service_makes_the_answer_503_and_names_only_that_service()
    {
        var response = await host.Client.GetAsync("/api/health");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        report.GetProperty("status").GetString().Should().Be("unhealthy");
        report.GetProperty("blobStorage").GetProperty("status").GetString().Should().Be("unhealthy");
        report.GetProperty("blobStorage").GetProperty("reason").GetString().Should().Be("unreachable");
        report.GetProperty("database").GetProperty("status").GetString().Should().Be("healthy");
    }
}
