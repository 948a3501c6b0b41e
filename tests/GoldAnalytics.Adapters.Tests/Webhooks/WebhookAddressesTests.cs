using System.Net;
using GoldAnalytics.Adapters.Webhooks;

namespace GoldAnalytics.Adapters.Tests.Webhooks;

/// <summary>The classifier on literal addresses: nothing here is resolved or connected to.</summary>
public sealed class WebhookAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.255.255.254", AddressKind.Loopback)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("10.0.0.1", AddressKind.Private)]
    [InlineData("10.255.255.255", AddressKind.Private)]
    [InlineData("172.16.0.1", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("192.168.1.10", AddressKind.Private)]
    [InlineData("fc00::1", AddressKind.Private)]
    [InlineData("fd00:ec2::254", AddressKind.Private)]
    [InlineData("fec0::1", AddressKind.Private)]
    [InlineData("169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("169.254.0.1", AddressKind.LinkLocal)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("febf::1", AddressKind.LinkLocal)]
    [InlineData("0.0.0.0", AddressKind.Unspecified)]
    [InlineData("0.1.2.3", AddressKind.Unspecified)]
    [InlineData("::", AddressKind.Unspecified)]
    [InlineData("224.0.0.1", AddressKind.Multicast)]
    [InlineData("239.255.255.250", AddressKind.Multicast)]
    [InlineData("ff02::1", AddressKind.Multicast)]
    [InlineData("100.64.0.1", AddressKind.SharedAddressSpace)]
    [InlineData("100.100.100.200", AddressKind.SharedAddressSpace)]
    [InlineData("100.127.255.255", AddressKind.SharedAddressSpace)]
    [InlineData("255.255.255.255", AddressKind.Reserved)]
    [InlineData("240.0.0.1", AddressKind.Reserved)]
    [InlineData("192.0.2.1", AddressKind.Reserved)]
    [InlineData("198.18.0.1", AddressKind.Reserved)]
    [InlineData("2001:db8::1", AddressKind.Reserved)]
    [InlineData("::10.0.0.1", AddressKind.Reserved)]
    [InlineData("100::1", AddressKind.Reserved)]
    public void Internal_and_reserved_addresses_are_classified_by_their_range(string address, AddressKind kind) =>
        WebhookAddresses.Classify(IPAddress.Parse(address)).Should().Be(kind);

    [Theory]
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)]
    [InlineData("::ffff:169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("::ffff:10.0.0.1", AddressKind.Private)]
    [InlineData("::ffff:192.168.0.1", AddressKind.Private)]
    [InlineData("::ffff:100.64.0.1", AddressKind.SharedAddressSpace)]
    [InlineData("::ffff:0.0.0.0", AddressKind.Unspecified)]
    [InlineData("::ffff:0:7f00:1", AddressKind.Loopback)]
    [InlineData("64:ff9b::a9fe:a9fe", AddressKind.LinkLocal)]
    [InlineData("2002:7f00:1::", AddressKind.Loopback)]
    [InlineData("2002:a00:1::", AddressKind.Private)]
    public void Ipv6_forms_of_an_ipv4_address_are_classified_by_the_address_they_carry(string address, AddressKind kind) =>
        WebhookAddresses.Classify(IPAddress.Parse(address)).Should().Be(kind);

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("11.0.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("169.253.255.255")]
    [InlineData("192.169.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void Public_addresses_are_public(string address) =>
        WebhookAddresses.Classify(IPAddress.Parse(address)).Should().Be(AddressKind.Public);

    [Theory]
    [InlineData("metadata.google.internal")]
    [InlineData("METADATA.GOOGLE.INTERNAL.")]
    [InlineData("metadata")]
    [InlineData("instance-data.ec2.internal")]
    public void Cloud_metadata_host_names_are_recognised(string host) => WebhookAddresses.IsMetadataHost(host).Should().BeTrue();

    [Fact]
    public void An_ordinary_host_name_is_not_a_metadata_host() => WebhookAddresses.IsMetadataHost("hooks.example.com").Should().BeFalse();
}
