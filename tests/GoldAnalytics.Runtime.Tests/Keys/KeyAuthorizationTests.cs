using System.Net;
using System.Text;
using GoldAnalytics.Runtime.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace GoldAnalytics.Runtime.Tests.Keys;

public sealed class KeyAuthorizationTests(RuntimeHostFixture fixture) : IClassFixture<RuntimeHostFixture>
{
    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, string? body = null) =>
        fixture.Client.SendAsync(RuntimeHost.Request(method, path, key, body is null ? null : new StringContent(body, Encoding.UTF8, "application/json")));

    public static TheoryData<string, string, string?, Role> Endpoints => new()
    {
        // method, path, body, least role that may call it
        { "GET", "/api/items/1", null, Role.Viewer },
        { "POST", "/api/quotes", """{ "grams": 1, "karat": 18 }""", Role.Staff },
        { "POST", $"/api/orders/{Guid.Empty}/approve", """{ "reason": "ok" }""", Role.Manager },
        { "GET", "/api/admin/report", null, Role.Admin },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_role_is_allowed_exactly_from_the_least_role_the_function_needs(string method, string path, string? body, Role least)
    {
        foreach (var role in Enum.GetValues<Role>())
        {
            var response = await SendAsync(new HttpMethod(method), path, fixture.Keys[role], body);

            if (role >= least)
            {
                ((int)response.StatusCode).Should().BeInRange(200, 299, $"{role} may call {method} {path}");
            }
            else
            {
                var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden_role");
                problem.GetProperty("detail").GetString().Should().Contain(RoleNames.Of(least));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Without_a_key_every_protected_function_is_unauthorised(string method, string path, string? body, Role least)
    {
        _ = least;
        await (await SendAsync(new HttpMethod(method), path, null, body)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "missing_key");
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("ga_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("ga_!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    public async Task An_unknown_or_malformed_key_is_invalid(string key)
    {
        await (await SendAsync(HttpMethod.Get, "/api/items/1", key)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_key");
    }

    [Fact]
    public async Task The_key_may_come_in_the_code_query_parameter()
    {
        var response = await fixture.Client.GetAsync($"/api/items/1?code={fixture.Keys[Role.Viewer]}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Anonymous_functions_need_no_key()
    {
        (await fixture.Client.GetAsync("/api/ping")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_key_revoked_on_this_host_stops_working_at_once()
    {
        var store = fixture.Host.Services.GetRequiredService<KeyStore>();
        var created = await store.CreateAsync("short-lived", Role.Viewer);
        (await SendAsync(HttpMethod.Get, "/api/items/1", created.Secret)).StatusCode.Should().Be(HttpStatusCode.OK);

        await store.RevokeAsync(created.Key.Id);
        fixture.Host.Services.GetRequiredService<KeyAuthenticator>().Forget(created.Key.Id);

        await (await SendAsync(HttpMethod.Get, "/api/items/1", created.Secret)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_key");
    }

    [Fact]
    public async Task A_key_revoked_elsewhere_stops_working_within_the_cache_period()
    {
        var store = fixture.Host.Services.GetRequiredService<KeyStore>();
        var created = await store.CreateAsync("revoked-by-another-host", Role.Viewer);
        (await SendAsync(HttpMethod.Get, "/api/items/1", created.Secret)).StatusCode.Should().Be(HttpStatusCode.OK);

        // Another host revokes it: this host's cache is not told.
        await store.RevokeAsync(created.Key.Id);
        var revokedAt = DateTime.UtcNow;
        HttpStatusCode status;
        do
        {
            await Task.Delay(200);
            status = (await SendAsync(HttpMethod.Get, "/api/items/1", created.Secret)).StatusCode;
        }
        while (status == HttpStatusCode.OK && DateTime.UtcNow - revokedAt < TimeSpan.FromSeconds(10));

        status.Should().Be(HttpStatusCode.Unauthorized);
        (DateTime.UtcNow - revokedAt).Should().BeLessThan(KeyAuthenticator.CacheFor + TimeSpan.FromSeconds(1));
    }
}
