using System.Net;
using System.Text.Json;
using GoldAnalytics.Functions.Tests.Entry;

namespace GoldAnalytics.Functions.Tests.Webhooks;

/// <summary>
/// Subscriptions and deliveries to internal addresses are refused. Literal addresses and metadata names
/// are refused without a lookup or a connection; the only address anything here connects to is 127.0.0.1.
/// </summary>
public sealed class WebhookAddressTests(WebhookHost host) : IClassFixture<WebhookHost>
{
    private static readonly string[] AllKinds = ["*"];
    private static readonly string[] TargetKinds = ["targets.*"];
    private readonly WebhookApi _api = new(host);

    [Theory]
    [InlineData("http://10.0.0.5/hook")]
    [InlineData("http://172.16.4.1/hook")]
    [InlineData("https://192.168.1.10/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::ffff:169.254.169.254]/latest/meta-data/")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data/")]
    [InlineData("http://100.100.100.200/latest/meta-data/")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/")]
    [InlineData("http://[::1]:8080/hook")]
    [InlineData("http://127.0.0.2:8080/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://224.0.0.1/hook")]
    public async Task A_subscription_to_an_internal_or_metadata_address_is_refused_naming_the_url(string url)
    {
        await ShouldBeBlockedAsync(await CreateAsync(url, AllKinds));
    }

    [Fact]
    public async Task Pointing_a_subscription_at_an_internal_address_is_refused_and_changes_nothing()
    {
        var (id, _) = await _api.SubscribeAsync(new Uri("http://127.0.0.1:9/hook"), "targets.*");

        await ShouldBeBlockedAsync(await _api.SendAsync(HttpMethod.Patch, $"/api/webhooks/{id}", new { url = "http://10.1.2.3/hook", name = "moved" }));

        var unchanged = await _api.JsonAsync(HttpMethod.Get, $"/api/webhooks/{id}");
        unchanged.GetProperty("url").GetString().Should().Be("http://127.0.0.1:9/hook");
        unchanged.GetProperty("name").GetString().Should().Be("ops pager");
    }

    [Fact]
    public async Task A_host_name_that_resolves_to_loopback_is_refused_unless_the_allow_list_allows_it()
    {
        using (host.AllowOnly(""))
        {
            await ShouldBeBlockedAsync(await CreateAsync("http://localhost:9/hook", AllKinds));
            await ShouldBeBlockedAsync(await CreateAsync("http://127.0.0.1:9/hook", AllKinds));
        }

        (await CreateAsync("http://127.0.0.1:9/hook", TargetKinds)).StatusCode.Should().Be(HttpStatusCode.Created, "the tests' allow-list names 127.0.0.1");
    }

    [Fact]
    public async Task A_delivery_to_an_address_no_longer_allowed_is_refused_before_connecting_and_logged_with_a_code()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, _) = await _api.SubscribeAsync(receiver.Url, "sales.invoice.created");
        JsonElement dead;
        using (host.AllowOnly(""))
        {
            await _api.SaleAsync();

            await WebhookApi.WaitForAsync(async () => (await _api.JsonAsync(HttpMethod.Get, $"/api/webhooks/{id}/deliveries?state=dead")).GetArrayLength() == 1);
            dead = (await _api.JsonAsync(HttpMethod.Get, $"/api/webhooks/{id}/deliveries")).EnumerateArray().Single();
        }

        receiver.Received.Should().BeEmpty("every attempt was refused before a connection was made");
        dead.GetProperty("lastErrorCode").GetString().Should().Be("blocked_address");
        dead.GetProperty("lastError").GetString().Should().StartWith("the receiver's address is not allowed").And.NotContain("127.0.0.1");
        (await host.ScalarAsync<string>("SELECT string_agg(error_code, ',' ORDER BY id) FROM webhook_attempts WHERE delivery_id = @delivery", new { delivery = dead.GetProperty("id").GetInt64() }))
            .Should().Be("blocked_address,blocked_address,blocked_address");

        // Allowed again, the dead delivery goes out on request.
        (await _api.SendAsync(HttpMethod.Post, $"/api/webhooks/{id}/deliveries/{dead.GetProperty("id").GetInt64()}/redeliver")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await WebhookApi.WaitForAsync(() => Task.FromResult(!receiver.Received.IsEmpty));
    }

    private Task<HttpResponseMessage> CreateAsync(string url, string[] kinds) =>
        _api.SendAsync(HttpMethod.Post, "/api/webhooks", new { name = "probe", url, eventKinds = kinds });

    private static async Task ShouldBeBlockedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, body);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateArray().Should().ContainSingle().Subject;
        error.GetProperty("field").GetString().Should().Be("url");
        error.GetProperty("code").GetString().Should().Be("blocked_address");
    }
}
