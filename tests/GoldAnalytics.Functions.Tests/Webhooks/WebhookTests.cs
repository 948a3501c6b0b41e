using System.Net;
using System.Text;
using System.Text.Json;
using GoldAnalytics.Adapters.Webhooks;
using GoldAnalytics.Functions.Tests.Entry;
using GoldAnalytics.Functions.Tests.Live;
using GoldAnalytics.Runtime.Events;
using GoldAnalytics.Runtime.Keys;
using GoldAnalytics.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GoldAnalytics.Functions.Tests.Webhooks;

public sealed class WebhookTests(WebhookHost host) : IClassFixture<WebhookHost>
{
    private static readonly string[] BadKinds = ["Sales!"];
    private readonly WebhookApi _api = new(host);

    [Fact]
    public async Task A_sale_is_delivered_once_with_a_valid_signature_and_logged()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, secret) = await _api.SubscribeAsync(receiver.Url, "sales.*");

        var invoice = await _api.SaleAsync();

        await WebhookApi.WaitForAsync(() => Task.FromResult(!receiver.Received.IsEmpty));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var received = receiver.Received.Should().ContainSingle("an acknowledged delivery is not posted again").Subject;
        WebhookSignature.Verify(secret, received.Headers[WebhookSignature.Header], received.Body, DateTimeOffset.UtcNow, WebhookSignature.Tolerance).Should().BeTrue();
        WebhookSignature.Verify(secret + "x", received.Headers[WebhookSignature.Header], received.Body, DateTimeOffset.UtcNow, WebhookSignature.Tolerance).Should().BeFalse();
        var body = JsonDocument.Parse(received.Body).RootElement;
        body.GetProperty("kind").GetString().Should().Be("sales.invoice.created");
        body.GetProperty("entityId").GetString().Should().Be(invoice.ToString(System.Globalization.CultureInfo.InvariantCulture));
        body.GetProperty("businessDates")[0].GetString().Should().Be("2026-11-20");
        received.Headers["GoldAnalytics-Event"].Should().Be("sales.invoice.created");
        received.Headers["GoldAnalytics-Delivery"].Should().Be(body.GetProperty("id").GetString());

        var log = await _api.JsonAsync(HttpMethod.Get, $"/api/webhooks/{id}/deliveries");
        log.EnumerateArray().Should().ContainSingle().Which.GetProperty("state").GetString().Should().Be("delivered");
    }

    [Fact]
    public async Task A_delivery_answered_with_500_is_retried_with_the_same_body_until_the_receiver_accepts_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500, 500);
        var (id, secret) = await _api.SubscribeAsync(receiver.Url, "sales.invoice.created");

        await _api.SaleAsync();

        await WebhookApi.WaitForAsync(() => Task.FromResult(receiver.Received.Count >= 3));
        var posts = receiver.Received.ToList();
        posts.Should().HaveCount(3);
        posts.Select(p => Encoding.UTF8.GetString(p.Body)).Distinct().Should().ContainSingle("a retry posts the same event with the same delivery id");
        posts.Should().OnlyContain(p => WebhookSignature.Verify(secret, p.Headers[WebhookSignature.Header], p.Body, DateTimeOffset.UtcNow, WebhookSignature.Tolerance));
        (posts[1].At - posts[0].At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(150), "the first retry waits its backoff");
        (posts[2].At - posts[1].At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(350), "the backoff doubles");

        await WebhookApi.WaitForAsync(async () => (await _api.JsonAsync(HttpMethod.Get, $"/api/webhooks/{id}/deliveries")).EnumerateArray().Single().GetProperty("state").GetString() == "delivered");
        var delivery = (await _api.JsonAsync(HttpMethod.Get, $"/api/webhooks/{id}/deliveries")).EnumerateArray().Single();
        delivery.GetProperty("attempts").GetInt32().Should().Be(3);
        (await host.ScalarAsync<string>("SELECT string_agg(coalesce(status_code::text, '-'), ',' ORDER BY id) FROM webhook_attempts WHERE delivery_id = @id", new { id = delivery.GetProperty("id").GetInt64() }))
            .Should().Be("500,500,200");
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_within_the_timeout_counts_as_a_failed_attempt_and_is_retried()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.Hang);
        var (id, _) = await _api.SubscribeAsync(receiver.Url, "sales.*");

        await _api.SaleAsync();

        await WebhookApi.WaitForAsync(async () => (await _api.JsonAsync(HttpMethod.Get, $"/api/webhooks/{id}/deliveries")).EnumerateArray().Any(d => d.GetProperty("state").GetString() == "delivered"));
        var deliveryId = (await _api.JsonAsync(HttpMethod.Get, $"/api/webhooks/{id}/deliveries")).EnumerateArray().Single().GetProperty("id").GetInt64();
        (await host.ScalarAsync<string>("SELECT string_agg(coalesce(status_code::text, error_code || ': ' || error), ' | ' ORDER BY id) FROM webhook_attempts WHERE delivery_id = @deliveryId", new { deliveryId }))
            .Should().Be("timeout: no answer within 2 s | 200");
        (await host.ScalarAsync<int>("SELECT min(duration_ms) FROM webhook_attempts WHERE delivery_id = @deliveryId AND status_code IS NULL", new { deliveryId }))
            .Should().BeInRange(1900, 4900, "the sender gives up at its 2 s timeout, before the receiver's 5 s answer");
    }

    [Fact]
    public async Task A_receiver_that_is_down_does_not_delay_the_dashboard_push_and_a_subscription_that_keeps_failing_is_disabled()
    {
        var down = await WebhookReceiver.StartAsync();
        var url = down.Url;
        await down.DisposeAsync();
        var (id, _) = await _api.SubscribeAsync(url, "*");
        using var subscription = host.App.Services.GetRequiredService<IEventStream>().Subscribe(null);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var invoice = await _api.SaleAsync();

        var eventId = await host.ScalarAsync<long>("SELECT id FROM outbox_events WHERE entity = 'invoice' AND entity_id = @invoice::text", new { invoice });
        await LiveEvents.NextAsync(subscription, e => e.GetProperty("eventIds").EnumerateArray().Any(i => i.GetInt64() == eventId), TimeSpan.FromSeconds(2));
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));

        // 3 attempts kill the first delivery; a second sale's delivery fails twice more: 5 in a row disable the subscription.
        await WebhookApi.WaitForAsync(async () => (await _api.JsonAsync(HttpMethod.Get, $"/api/webhooks/{id}/deliveries?state=dead")).GetArrayLength() == 1);
        await _api.SaleAsync();
        await WebhookApi.WaitForAsync(async () => !(await _api.JsonAsync(HttpMethod.Get, $"/api/webhooks/{id}")).GetProperty("enabled").GetBoolean());
        var disabled = await _api.JsonAsync(HttpMethod.Get, $"/api/webhooks/{id}");
        disabled.GetProperty("disabledReason").GetString().Should().StartWith("disabled after 5 consecutive failed attempts");
        disabled.GetProperty("consecutiveFailures").GetInt32().Should().Be(5);

        // Back up and enabled again, the waiting delivery goes out and the dead one on request.
        await using var back = await WebhookReceiver.StartAsync();
        (await _api.SendAsync(HttpMethod.Patch, $"/api/webhooks/{id}", new { url = back.Url.ToString(), enabled = true })).StatusCode.Should().Be(HttpStatusCode.OK);
        var dead = (await _api.JsonAsync(HttpMethod.Get, $"/api/webhooks/{id}/deliveries?state=dead")).EnumerateArray().Single().GetProperty("id").GetInt64();
        (await _api.SendAsync(HttpMethod.Post, $"/api/webhooks/{id}/deliveries/{dead}/redeliver")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await WebhookApi.WaitForAsync(() => Task.FromResult(back.Received.Count >= 2));
        back.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("kind").GetString()).Should().OnlyContain(k => k == "sales.invoice.created");
    }

    [Fact]
    public async Task A_subscriptions_next_event_is_not_posted_until_the_one_before_it_is_delivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500);
        var firstAnswer = new TaskCompletionSource();
        receiver.Gate = firstAnswer.Task;
        var (id, _) = await _api.SubscribeAsync(receiver.Url, "sales.invoice.created");

        var e5 = await _api.EventOfAsync(await _api.SaleAsync());
        await WebhookApi.WaitForAsync(() => Task.FromResult(!receiver.Received.IsEmpty));
        var e6 = await _api.EventOfAsync(await _api.SaleAsync());
        await WebhookApi.WaitForAsync(async () => await host.ScalarAsync<long>(
            "SELECT count(*) FROM webhook_deliveries WHERE subscription_id = @id AND event_id = @e6", new { id, e6 }) == 1);
        firstAnswer.SetResult();

        // E5 fails once and is retried after its backoff; E6, due all along, waits behind it.
        await WebhookApi.WaitForAsync(() => Task.FromResult(receiver.Received.Count >= 3));
        receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("eventId").GetInt64()).Should().Equal(e5, e5, e6);
        await WebhookApi.WaitForAsync(async () => (await _api.JsonAsync(HttpMethod.Get, $"/api/webhooks/{id}/deliveries?state=delivered")).GetArrayLength() == 2);
    }

    [Fact]
    public async Task Receivers_that_never_answer_do_not_hold_up_a_healthy_one()
    {
        await using var stuck = LoopbackListener.Silent(TimeSpan.FromSeconds(20));
        var stuckIds = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            stuckIds.Add((await _api.SubscribeAsync(stuck.Url($"/stuck/{i}"), "sales.invoice.created")).Id);
        }

        await _api.SaleAsync();
        await WebhookApi.WaitForAsync(() => Task.FromResult(stuck.Connections.Count >= 8));
        await using var healthy = await WebhookReceiver.StartAsync();
        await _api.SubscribeAsync(healthy.Url, "sales.invoice.created");

        await _api.SaleAsync();

        await WebhookApi.WaitForAsync(() => Task.FromResult(!healthy.Received.IsEmpty));
        var delivered = healthy.Received.First().At;
        var waiting = stuck.Connections.Take(8).ToList();
        waiting.Should().OnlyContain(c => c.AcceptedAt < delivered, "all eight posts were waiting for an answer before the healthy event was even made");
        waiting.Should().OnlyContain(c => c.ClosedAt == null || c.ClosedAt > delivered, "none of them had timed out when the healthy receiver got its event");
        (await host.ScalarAsync<long>("""
            SELECT count(*) FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
             WHERE d.subscription_id = ANY(@stuckIds) AND a.started_at + a.duration_ms * interval '1 millisecond' <= @delivered
            """, new { stuckIds = stuckIds.ToArray(), delivered })).Should().Be(0, "no attempt to a stuck receiver had ended before the healthy delivery");
        foreach (var id in stuckIds)
        {
            (await _api.SendAsync(HttpMethod.Delete, $"/api/webhooks/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        }
    }

    [Fact]
    public async Task The_secret_is_shown_once_stored_sealed_and_only_managers_manage_subscriptions()
    {
        var (id, secret) = await _api.SubscribeAsync(new Uri("https://127.0.0.1:9/gold"), "targets.*");

        var read = await _api.JsonAsync(HttpMethod.Get, $"/api/webhooks/{id}");
        read.TryGetProperty("secret", out _).Should().BeFalse();
        read.GetProperty("secretPrefix").GetString().Should().Be(secret[..10]);
        var stored = await host.ScalarAsync<byte[]>("SELECT secret_ciphertext FROM webhook_subscriptions WHERE id = @id", new { id });
        Encoding.UTF8.GetString(stored).Should().NotContain(secret[6..]);
        (await host.ScalarAsync<long>("SELECT count(*) FROM webhook_subscriptions WHERE secret_ciphertext::text LIKE '%' || @secret || '%'", new { secret })).Should().Be(0);

        (await _api.SendAsync(HttpMethod.Get, "/api/webhooks", key: host.StaffKey)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var invalid = await _api.SendAsync(HttpMethod.Post, "/api/webhooks", new { name = "", url = "ftp://x", eventKinds = BadKinds });
        invalid.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetArrayLength().Should().Be(3);

        var rotated = await _api.JsonAsync(HttpMethod.Post, $"/api/webhooks/{id}/rotate-secret");
        rotated.GetProperty("secret").GetString().Should().StartWith("whsec_").And.NotBe(secret);
        (await _api.SendAsync(HttpMethod.Delete, $"/api/webhooks/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _api.SendAsync(HttpMethod.Get, $"/api/webhooks/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
