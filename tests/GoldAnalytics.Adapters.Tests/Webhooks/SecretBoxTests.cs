using System.Security.Cryptography;
using System.Text;
using GoldAnalytics.Adapters.Webhooks;

namespace GoldAnalytics.Adapters.Tests.Webhooks;

public sealed class SecretBoxTests
{
    private readonly SecretBox _box = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void A_sealed_secret_opens_to_itself_for_its_owner_and_does_not_contain_it()
    {
        var secret = SecretBox.NewSecret();

        var sealedBytes = _box.Seal(secret, "subscription-1");

        _box.Open(sealedBytes, "subscription-1").Should().Be(secret);
        Encoding.UTF8.GetString(sealedBytes).Should().NotContain(secret[6..]);
    }

    [Fact]
    public void A_sealed_secret_does_not_open_for_another_owner_or_under_another_key()
    {
        var sealedBytes = _box.Seal(SecretBox.NewSecret(), "subscription-1");

        FluentActions.Invoking(() => _box.Open(sealedBytes, "subscription-2")).Should().Throw<CryptographicException>();
        FluentActions.Invoking(() => new SecretBox(RandomNumberGenerator.GetBytes(32)).Open(sealedBytes, "subscription-1")).Should().Throw<CryptographicException>();
    }

    [Fact]
    public void New_secrets_are_random_and_prefixed()
    {
        var secrets = Enumerable.Range(0, 100).Select(_ => SecretBox.NewSecret()).ToList();

        secrets.Should().OnlyHaveUniqueItems().And.OnlyContain(s => s.StartsWith("whsec_") && s.Length == 6 + 43);
    }

    [Fact]
    public void The_key_must_be_32_bytes() =>
        FluentActions.Invoking(() => new SecretBox(new byte[16])).Should().Throw<ArgumentException>();
}
