using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using GoldAnalytics.Adapters.Webhooks;
using GoldAnalytics.Testing;

namespace GoldAnalytics.Adapters.Tests.Webhooks;

/// <summary>The poster against raw listeners on 127.0.0.1, the only address these tests ever connect to.</summary>
public sealed class WebhookPosterTests
{
    private const string Ok = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    private static readonly WebhookAddressPolicy Loopback = WebhookAddressPolicy.Parse("127.0.0.1");

    [Fact]
    public async Task A_redirect_is_a_failed_attempt_and_its_target_never_sees_the_signed_post()
    {
        await using var target = LoopbackListener.Start(Ok);
        await using var redirecting = LoopbackListener.Start($"HTTP/1.1 302 Found\r\nLocation: {target.Url("/stolen")}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        using var poster = new WebhookPoster(() => Loopback, TimeSpan.FromSeconds(5));

        var result = await poster.PostAsync(Post(redirecting.Url("/hook")), DateTimeOffset.UtcNow, CancellationToken.None);

        result.Delivered.Should().BeFalse();
        result.StatusCode.Should().Be(302);
        result.Failure!.Code.Should().Be(WebhookFailures.RedirectNotFollowed);
        redirecting.Connections.Should().ContainSingle();
        target.Connections.Should().BeEmpty("the redirect is not followed, so the signature goes nowhere else");
    }

    [Fact]
    public async Task An_address_the_policy_refuses_is_never_connected_to()
    {
        await using var receiver = LoopbackListener.Start(Ok);
        using var poster = new WebhookPoster(() => WebhookAddressPolicy.PublicOnly, TimeSpan.FromSeconds(5));

        var result = await poster.PostAsync(Post(receiver.Url("/hook")), DateTimeOffset.UtcNow, CancellationToken.None);

        result.Failure!.Code.Should().Be(WebhookFailures.BlockedAddress);
        result.StatusCode.Should().BeNull();
        receiver.Connections.Should().BeEmpty();
    }

    [Fact]
    public async Task A_host_name_is_resolved_once_per_connection_and_the_post_goes_to_the_address_that_was_checked()
    {
        await using var receiver = LoopbackListener.Start(Ok);
        var resolver = new WebhookAddressPolicyTests.FakeResolver(IPAddress.Loopback);
        using var poster = new WebhookPoster(() => Loopback, TimeSpan.FromSeconds(5), resolver.ResolveAsync);
        var url = new Uri($"http://receiver.test:{receiver.Port}/hook");

        var result = await poster.PostAsync(Post(url), DateTimeOffset.UtcNow, CancellationToken.None);

        result.Delivered.Should().BeTrue(result.Failure?.Message);
        resolver.Calls.Should().Be(1);
        var head = receiver.Connections.Should().ContainSingle().Subject.RequestHead;
        head.Should().Contain($"Host: receiver.test:{receiver.Port}").And.Contain(WebhookSignature.Header + ": t=");
    }

    [Fact]
    public async Task A_policy_changed_after_a_check_applies_to_the_next_connection()
    {
        await using var receiver = LoopbackListener.Start(Ok);
        var policy = Loopback;
        using var poster = new WebhookPoster(() => policy, TimeSpan.FromSeconds(5));
        (await policy.CheckAsync(receiver.Url().Host, WebhookAddressPolicy.SystemResolver, CancellationToken.None)).Blocked.Should().BeFalse();

        policy = WebhookAddressPolicy.PublicOnly;
        var result = await poster.PostAsync(Post(receiver.Url("/hook")), DateTimeOffset.UtcNow, CancellationToken.None);

        result.Failure!.Code.Should().Be(WebhookFailures.BlockedAddress);
        receiver.Connections.Should().BeEmpty();
    }

    [Fact]
    public async Task A_receiver_that_never_answers_is_a_timeout()
    {
        await using var silent = LoopbackListener.Silent();
        using var poster = new WebhookPoster(() => Loopback, TimeSpan.FromMilliseconds(300));

        var result = await poster.PostAsync(Post(silent.Url("/hook")), DateTimeOffset.UtcNow, CancellationToken.None);

        result.Failure.Should().Be(new WebhookFailure(WebhookFailures.Timeout, "no answer within 0.3 s"));
        silent.Connections.Should().ContainSingle("the post reached the receiver, which kept it waiting");
    }

    [Fact]
    public async Task A_closed_port_is_a_refused_connection_and_the_message_does_not_echo_the_socket_error()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        using var poster = new WebhookPoster(() => Loopback, TimeSpan.FromSeconds(5));

        var result = await poster.PostAsync(Post(new Uri($"http://127.0.0.1:{port}/hook")), DateTimeOffset.UtcNow, CancellationToken.None);

        result.Failure!.Code.Should().Be(WebhookFailures.ConnectionRefused);
        result.Failure.Message.Should().NotContain(port.ToString(CultureInfo.InvariantCulture)).And.NotContainEquivalentOf("connection refused (");
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_a_dns_failure()
    {
        using var poster = new WebhookPoster(() => Loopback, TimeSpan.FromSeconds(5),
            (_, _) => Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound)));

        var result = await poster.PostAsync(Post(new Uri("http://nowhere.test/hook")), DateTimeOffset.UtcNow, CancellationToken.None);

        result.Failure.Should().Be(new WebhookFailure(WebhookFailures.DnsFailure, "the receiver's host name did not resolve"));
    }

    [Fact]
    public async Task An_error_answer_is_an_http_status_failure_with_the_status()
    {
        await using var failing = LoopbackListener.Start("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 7\r\nConnection: close\r\n\r\nsecret!");
        using var poster = new WebhookPoster(() => Loopback, TimeSpan.FromSeconds(5));

        var result = await poster.PostAsync(Post(failing.Url("/hook")), DateTimeOffset.UtcNow, CancellationToken.None);

        result.StatusCode.Should().Be(503);
        result.Failure.Should().Be(new WebhookFailure(WebhookFailures.HttpStatus, "the receiver answered 503"));
    }

    private static WebhookPost Post(Uri url) => new(url, Encoding.UTF8.GetBytes("""{"kind":"sales.invoice.created"}"""), "whsec_test", "d-1", "sales.invoice.created");
}
