using System.Net;
using System.Net.Sockets;
using GoldAnalytics.Adapters.Webhooks;

namespace GoldAnalytics.Adapters.Tests.Webhooks;

/// <summary>The allow-list and the checks of host names, with a resolver the test controls (no lookups leave the machine).</summary>
public sealed class WebhookAddressPolicyTests
{
    [Fact]
    public void An_allow_list_allows_exactly_the_addresses_and_ranges_it_names_besides_public_ones()
    {
        var policy = WebhookAddressPolicy.Parse("127.0.0.1, 10.20.0.0/16");

        policy.Allows(IPAddress.Parse("127.0.0.1")).Should().BeTrue();
        policy.Allows(IPAddress.Parse("::ffff:127.0.0.1")).Should().BeTrue("the mapped form is the same address");
        policy.Allows(IPAddress.Parse("127.0.0.2")).Should().BeFalse();
        policy.Allows(IPAddress.Parse("::1")).Should().BeFalse();
        policy.Allows(IPAddress.Parse("10.20.3.4")).Should().BeTrue();
        policy.Allows(IPAddress.Parse("10.21.0.1")).Should().BeFalse();
        policy.Allows(IPAddress.Parse("169.254.169.254")).Should().BeFalse();
        policy.Allows(IPAddress.Parse("8.8.8.8")).Should().BeTrue();
        WebhookAddressPolicy.PublicOnly.Allows(IPAddress.Parse("127.0.0.1")).Should().BeFalse();
    }

    [Theory]
    [InlineData("10.0.0.0/99")]
    [InlineData("127.0.0.1, not a host!")]
    public void A_bad_allow_list_entry_is_refused_by_name(string allowList)
    {
        var parse = () => WebhookAddressPolicy.Parse(allowList);

        parse.Should().Throw<FormatException>().WithMessage("'*' is neither an IP address, a CIDR range*");
    }

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("169.254.169.254")]
    [InlineData("[::ffff:169.254.169.254]")]
    [InlineData("[fe80::1]")]
    [InlineData("metadata.google.internal")]
    [InlineData("metadata.google.internal.")]
    public async Task Internal_literals_and_metadata_names_are_blocked_without_a_lookup(string host)
    {
        var resolver = new FakeResolver(IPAddress.Parse("8.8.8.8"));

        var check = await WebhookAddressPolicy.Parse("127.0.0.1").CheckAsync(host, resolver.ResolveAsync, CancellationToken.None);

        check.Blocked.Should().BeTrue();
        resolver.Calls.Should().Be(0);
    }

    [Fact]
    public async Task A_name_is_blocked_when_any_address_it_resolves_to_is()
    {
        var resolver = new FakeResolver(IPAddress.Parse("8.8.8.8"), IPAddress.Parse("10.0.0.1"));

        var check = await WebhookAddressPolicy.PublicOnly.CheckAsync("mixed.test", resolver.ResolveAsync, CancellationToken.None);

        check.Blocked.Should().BeTrue("a public address beside an internal one does not make the name safe");
        check.Addresses.Should().BeEmpty();
    }

    [Fact]
    public async Task A_name_allowed_by_name_passes_with_what_it_resolves_to()
    {
        var resolver = new FakeResolver(IPAddress.Parse("10.0.0.1"));

        var check = await WebhookAddressPolicy.Parse("erp.internal").CheckAsync("ERP.internal.", resolver.ResolveAsync, CancellationToken.None);

        check.Blocked.Should().BeFalse();
        check.Addresses.Should().Equal(IPAddress.Parse("10.0.0.1"));
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_unresolved_not_blocked()
    {
        var check = await WebhookAddressPolicy.PublicOnly.CheckAsync("nowhere.test",
            (_, _) => Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound)), CancellationToken.None);

        check.Unresolved.Should().BeTrue();
        check.Blocked.Should().BeFalse();
    }

    [Fact]
    public async Task A_name_too_long_for_dns_is_unresolved_rather_than_an_error()
    {
        var name = string.Join('.', Enumerable.Repeat(new string('a', 60), 5)) + ".test";

        var check = await WebhookAddressPolicy.PublicOnly.CheckAsync(name, WebhookAddressPolicy.SystemResolver, CancellationToken.None);

        check.Unresolved.Should().BeTrue();
    }

    [Fact]
    public async Task Localhost_resolves_to_loopback_and_is_blocked_unless_allowed()
    {
        var check = await WebhookAddressPolicy.PublicOnly.CheckAsync("localhost", WebhookAddressPolicy.SystemResolver, CancellationToken.None);

        check.Blocked.Should().BeTrue();
    }

    /// <summary>Answers every lookup with the given addresses and counts the lookups.</summary>
    internal sealed class FakeResolver(params IPAddress[] addresses)
    {
        private int _calls;

        public int Calls => _calls;

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(addresses);
        }
    }
}
