using System.Net;
using GoldAnalytics.Runtime.Keys;

namespace GoldAnalytics.Runtime.Tests.Hosting;

public sealed class SecurityHeadersTests : StaticSiteHost
{
    private const string DashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string ResourcePolicy = "default-src 'none'; frame-ancestors 'none'";

    [Fact]
    public async Task Api_answers_carry_the_headers_and_a_policy_that_loads_nothing()
    {
        var viewer = await Host.KeyAsync(Role.Viewer);

        var item = await Host.Client.SendAsync(RuntimeHost.Request(HttpMethod.Get, "/api/items/7", viewer));
        var empty = await Host.Client.GetAsync("/api/ping");
        var document = await Host.Client.SendAsync(RuntimeHost.Request(HttpMethod.Get, "/api/openapi.json", viewer));

        item.StatusCode.Should().Be(HttpStatusCode.OK);
        empty.StatusCode.Should().Be(HttpStatusCode.NoContent);
        document.StatusCode.Should().Be(HttpStatusCode.OK);
        ShouldCarryTheHeaders(ResourcePolicy, item, empty, document);
    }

    [Fact]
    public async Task Problem_answers_carry_the_headers_whatever_failed()
    {
        var missingKey = await Host.Client.GetAsync("/api/items/7");
        var notFound = await Host.Client.GetAsync("/api/kpis/nothing");
        var crashed = await Host.Client.GetAsync("/api/explode");

        await missingKey.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "missing_key");
        await notFound.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        await crashed.ShouldBeProblemAsync(HttpStatusCode.InternalServerError, "internal_error");
        ShouldCarryTheHeaders(ResourcePolicy, missingKey, notFound, crashed);
    }

    [Fact]
    public async Task The_dashboards_page_gets_its_policy_and_its_files_the_strict_one()
    {
        var index = await Host.Client.GetAsync("/");
        var clientRoute = await Host.Client.GetAsync("/kpis/branches/3");
        var script = await Host.Client.GetAsync("/assets/app.js");

        ShouldCarryTheHeaders(DashboardPolicy, index, clientRoute);
        ShouldCarryTheHeaders(ResourcePolicy, script);
        script.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
    }

    [Fact]
    public async Task A_revalidated_page_keeps_the_dashboards_policy()
    {
        var first = await Host.Client.GetAsync("/index.html");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/index.html");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var revalidated = await Host.Client.SendAsync(again);

        revalidated.StatusCode.Should().Be(HttpStatusCode.NotModified);
        ShouldCarryTheHeaders(DashboardPolicy, revalidated);
    }

    private static void ShouldCarryTheHeaders(string policy, params HttpResponseMessage[] responses)
    {
        foreach (var response in responses)
        {
            var what = $"{response.RequestMessage!.RequestUri} ({(int)response.StatusCode})";
            response.Headers.GetValues("X-Content-Type-Options").Should().Equal(["nosniff"], what);
            response.Headers.GetValues("Referrer-Policy").Should().Equal(["no-referrer"], what);
            response.Headers.GetValues("X-Frame-Options").Should().Equal(["DENY"], what);
            response.Headers.GetValues("Content-Security-Policy").Should().Equal([policy], what);
        }
    }
}
