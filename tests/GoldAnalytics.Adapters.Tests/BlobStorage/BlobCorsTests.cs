using GoldAnalytics.Adapters.BlobStorage;
using GoldAnalytics.Testing;

namespace GoldAnalytics.Adapters.Tests.BlobStorage;

// CORS is a service-wide setting, so it is tried on an Azurite of the test's own.
public sealed class BlobCorsTests : IAsyncLifetime
{
    private PrivateAzurite _azurite = null!;

    public async Task InitializeAsync() => _azurite = await PrivateAzurite.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task After_setting_cors_rules_a_browser_preflight_from_the_dashboard_origin_is_allowed()
    {
        var client = new BlobRestClient(new HttpClient(), new BlobStorageOptions(_azurite.Endpoint, PrivateAzurite.Account, PrivateAzurite.Key));
        await client.CreateContainerAsync("photos");
        var url = client.GetSasUri("photos", "ring.jpg", BlobSasPermissions.Create | BlobSasPermissions.Write, TimeSpan.FromMinutes(5));

        using var before = await PreflightAsync(url);
        await client.SetCorsRulesAsync([new BlobCorsRule(["http://localhost:7071"], ["GET", "PUT"], ["*"], ["*"], 3600)]);
        using var after = await PreflightAsync(url);
        using var otherOrigin = await PreflightAsync(url, "http://evil.example");

        before.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
        after.Headers.GetValues("Access-Control-Allow-Origin").Should().ContainSingle().Which.Should().Be("http://localhost:7071");
        otherOrigin.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    private static async Task<HttpResponseMessage> PreflightAsync(Uri url, string origin = "http://localhost:7071")
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "PUT");
        request.Headers.Add("Access-Control-Request-Headers", "x-ms-blob-type");
        return await http.SendAsync(request);
    }
}
