using System.Net;

namespace GoldAnalytics.Runtime.Tests.Hosting;

public sealed class StaticSiteAndCorsTests()
    : StaticSiteHost("""{ "version": "2.0", "extensions": { "http": { "cors": { "allowedOrigins": ["https://shop.example.com"] } } } }""")
{
    [Fact]
    public async Task The_site_is_served_at_the_root()
    {
        (await Host.Client.GetStringAsync("/")).Should().Be("<html>dashboard</html>");
        (await Host.Client.GetStringAsync("/assets/app.js")).Should().Be("console.log('gold')");
    }

    [Fact]
    public async Task Client_side_routes_fall_back_to_index_html()
    {
        var response = await Host.Client.GetAsync("/kpis/branches/3");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("<html>dashboard</html>");
    }

    [Fact]
    public async Task A_missing_file_is_not_found_rather_than_the_index()
    {
        await (await Host.Client.GetAsync("/assets/missing.js")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Unknown_api_routes_stay_not_found_problems()
    {
        await (await Host.Client.GetAsync("/api/kpis/nothing")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task An_allowed_origin_gets_cors_headers_and_others_do_not()
    {
        using var allowed = new HttpRequestMessage(HttpMethod.Options, "/api/items/1");
        allowed.Headers.Add("Origin", "https://shop.example.com");
        allowed.Headers.Add("Access-Control-Request-Method", "GET");
        allowed.Headers.Add("Access-Control-Request-Headers", "x-functions-key");
        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/ping");
        other.Headers.Add("Origin", "https://evil.example.com");

        var preflight = await Host.Client.SendAsync(allowed);
        var refused = await Host.Client.SendAsync(other);

        preflight.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("https://shop.example.com");
        refused.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }
}
