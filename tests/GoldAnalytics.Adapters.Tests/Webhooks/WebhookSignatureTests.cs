using System.Text;
using GoldAnalytics.Adapters.Webhooks;

namespace GoldAnalytics.Adapters.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_test-secret";
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"kind":"sales.invoice.created"}""");

    [Fact]
    public void The_signature_is_the_hmac_of_the_timestamp_and_the_body_under_the_secret()
    {
        var header = WebhookSignature.Sign(Secret, Now, Body);

        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{Now.ToUnixTimeSeconds()}.{Encoding.UTF8.GetString(Body)}")));
        header.Should().Be($"t={Now.ToUnixTimeSeconds()},v1={expected}");
    }

    [Fact]
    public void A_receiver_accepts_a_fresh_delivery_signed_with_its_secret()
    {
        var header = WebhookSignature.Sign(Secret, Now, Body);

        WebhookSignature.Verify(Secret, header, Body, Now.AddSeconds(3), WebhookSignature.Tolerance).Should().BeTrue();
    }

    [Fact]
    public void A_receiver_refuses_a_changed_body_another_secret_or_a_replay_older_than_the_tolerance()
    {
        var header = WebhookSignature.Sign(Secret, Now, Body);

        WebhookSignature.Verify(Secret, header, Encoding.UTF8.GetBytes("""{"kind":"sales.invoice.deleted"}"""), Now, WebhookSignature.Tolerance).Should().BeFalse();
        WebhookSignature.Verify("whsec_other", header, Body, Now, WebhookSignature.Tolerance).Should().BeFalse();
        WebhookSignature.Verify(Secret, header, Body, Now.AddMinutes(6), WebhookSignature.Tolerance).Should().BeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=abc")]
    [InlineData("t=notanumber,v1=00")]
    [InlineData("t=1795168800,v1=zz")]
    public void A_receiver_refuses_a_malformed_header(string? header) =>
        WebhookSignature.Verify(Secret, header, Body, Now, WebhookSignature.Tolerance).Should().BeFalse();
}
