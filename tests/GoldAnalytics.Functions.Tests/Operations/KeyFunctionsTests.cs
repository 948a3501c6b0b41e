using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GoldAnalytics.Runtime.Keys;

namespace GoldAnalytics.Functions.Tests.Operations;

public sealed class KeyFunctionsTests(FunctionAppHost host) : IClassFixture<FunctionAppHost>
{
    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("x-functions-key", key);
        return host.Client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task An_admin_creates_a_key_that_works_at_once_and_whose_secret_is_shown_only_then()
    {
        var created = await SendAsync(HttpMethod.Post, "/api/keys", host.AdminKey, new { name = "Branch 2 till", role = "staff" });

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var key = await JsonAsync(created);
        var secret = key.GetProperty("secret").GetString()!;
        key.GetProperty("role").GetString().Should().Be("staff");
        key.GetProperty("prefix").GetString().Should().Be(secret[..10]);
        created.Headers.Location!.ToString().Should().EndWith($"/api/keys/{key.GetProperty("id").GetString()}");

        var listing = await (await SendAsync(HttpMethod.Get, "/api/keys", host.AdminKey)).Content.ReadAsStringAsync();
        listing.Should().Contain("Branch 2 till").And.NotContain(secret).And.NotContain("\"secret\"");
        (await SendAsync(HttpMethod.Get, "/api/health", secret)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_at_once_and_listed_only_with_include_revoked()
    {
        var key = await JsonAsync(await SendAsync(HttpMethod.Post, "/api/keys", host.AdminKey, new { name = "temp admin", role = "admin" }));
        var id = key.GetProperty("id").GetString();
        var secret = key.GetProperty("secret").GetString()!;
        (await SendAsync(HttpMethod.Get, "/api/keys", secret)).StatusCode.Should().Be(HttpStatusCode.OK);

        var revoked = await SendAsync(HttpMethod.Delete, $"/api/keys/{id}", host.AdminKey);

        revoked.StatusCode.Should().Be(HttpStatusCode.OK);
        (await JsonAsync(revoked)).GetProperty("revokedAt").ValueKind.Should().Be(JsonValueKind.String);
        (await SendAsync(HttpMethod.Get, "/api/keys", secret)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await (await SendAsync(HttpMethod.Get, "/api/keys", host.AdminKey)).Content.ReadAsStringAsync()).Should().NotContain(id);
        (await (await SendAsync(HttpMethod.Get, "/api/keys?includeRevoked=true", host.AdminKey)).Content.ReadAsStringAsync()).Should().Contain(id);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_is_a_not_found_problem()
    {
        var response = await SendAsync(HttpMethod.Delete, $"/api/keys/{Guid.NewGuid()}", host.AdminKey);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await JsonAsync(response)).GetProperty("code").GetString().Should().Be("not_found");
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Staff)]
    [InlineData(Role.Analyst)]
    [InlineData(Role.Manager)]
    public async Task Only_admins_manage_keys(Role role)
    {
        var key = await host.KeyAsync(role);

        foreach (var (method, path) in new[] { (HttpMethod.Get, "/api/keys"), (HttpMethod.Post, "/api/keys"), (HttpMethod.Delete, $"/api/keys/{Guid.NewGuid()}") })
        {
            var response = await SendAsync(method, path, key, method == HttpMethod.Post ? new { name = "x", role = "admin" } : null);
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{role} must not {method} {path}");
            (await JsonAsync(response)).GetProperty("code").GetString().Should().Be("forbidden_role");
        }
    }

    [Theory]
    [InlineData("""{ "name": "", "role": "staff" }""", "name", "missing_field")]
    [InlineData("""{ "name": "<script>", "role": "staff" }""", "name", "invalid_value")]
    [InlineData("""{ "name": "ok", "role": "owner" }""", "role", "wrong_type")]
    [InlineData("""{ "name": "ok", "role": 4 }""", "role", "wrong_type")]
    [InlineData("""{ "role": "staff" }""", "name", "missing_field")]
    public async Task A_bad_new_key_is_refused_naming_the_field(string body, string field, string code)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/keys") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", host.AdminKey);

        var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var errors = (await JsonAsync(response)).GetProperty("errors").EnumerateArray().ToList();
        errors.Should().ContainSingle(e => e.GetProperty("field").GetString() == field && e.GetProperty("code").GetString() == code);
    }
}
