using System.Collections.Frozen;
using System.Net;
using System.Net.Sockets;

namespace GoldAnalytics.Adapters.Webhooks;

/// <summary>What an IP address is, as far as posting webhooks to it goes: only <see cref="Public"/> is reachable by default.</summary>
public enum AddressKind
{
    /// <summary>A global unicast address.</summary>
    Public,

    /// <summary>127.0.0.0/8, ::1.</summary>
    Loopback,

    /// <summary>10/8, 172.16/12, 192.168/16, fc00::/7 (unique local), fec0::/10 (site-local), 64:ff9b:1::/48.</summary>
    Private,

    /// <summary>169.254/16 (with the cloud metadata address 169.254.169.254), fe80::/10.</summary>
    LinkLocal,

    /// <summary>0.0.0.0/8, ::.</summary>
    Unspecified,

    /// <summary>224.0.0.0/4, ff00::/8.</summary>
    Multicast,

    /// <summary>100.64.0.0/10, the carrier-grade NAT space (some clouds put their metadata service there).</summary>
    SharedAddressSpace,

    /// <summary>Documentation, benchmarking, protocol-assignment, future-use and broadcast ranges; IPv6 outside 2000::/3.</summary>
    Reserved,
}

/// <summary>
/// Classifies addresses and host names a webhook must not reach by default: a manager chooses the URL,
/// so without this a subscription could make the host post to its own loopback, the private network or
/// the cloud metadata service. IPv6 forms that embed an IPv4 address (mapped, translated, NAT64, 6to4)
/// are classified by the IPv4 address they carry.
/// </summary>
public static class WebhookAddresses
{
    private static readonly (IPNetwork Network, AddressKind Kind)[] V4 =
    [
        (IPNetwork.Parse("0.0.0.0/8"), AddressKind.Unspecified),
        (IPNetwork.Parse("10.0.0.0/8"), AddressKind.Private),
        (IPNetwork.Parse("100.64.0.0/10"), AddressKind.SharedAddressSpace),
        (IPNetwork.Parse("127.0.0.0/8"), AddressKind.Loopback),
        (IPNetwork.Parse("169.254.0.0/16"), AddressKind.LinkLocal),
        (IPNetwork.Parse("172.16.0.0/12"), AddressKind.Private),
        (IPNetwork.Parse("192.0.0.0/24"), AddressKind.Reserved),
        (IPNetwork.Parse("192.0.2.0/24"), AddressKind.Reserved),
        (IPNetwork.Parse("192.88.99.0/24"), AddressKind.Reserved),
        (IPNetwork.Parse("192.168.0.0/16"), AddressKind.Private),
        (IPNetwork.Parse("198.18.0.0/15"), AddressKind.Reserved),
        (IPNetwork.Parse("198.51.100.0/24"), AddressKind.Reserved),
        (IPNetwork.Parse("203.0.113.0/24"), AddressKind.Reserved),
        (IPNetwork.Parse("224.0.0.0/4"), AddressKind.Multicast),
        (IPNetwork.Parse("240.0.0.0/4"), AddressKind.Reserved),
    ];

    private static readonly (IPNetwork Network, AddressKind Kind)[] V6 =
    [
        (IPNetwork.Parse("::/96"), AddressKind.Reserved),
        (IPNetwork.Parse("64:ff9b:1::/48"), AddressKind.Private),
        (IPNetwork.Parse("100::/64"), AddressKind.Reserved),
        (IPNetwork.Parse("2001::/32"), AddressKind.Reserved),
        (IPNetwork.Parse("2001:db8::/32"), AddressKind.Reserved),
        (IPNetwork.Parse("fc00::/7"), AddressKind.Private),
        (IPNetwork.Parse("fe80::/10"), AddressKind.LinkLocal),
        (IPNetwork.Parse("fec0::/10"), AddressKind.Private),
        (IPNetwork.Parse("ff00::/8"), AddressKind.Multicast),
    ];

    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");
    private static readonly IPNetwork Translated = IPNetwork.Parse("::ffff:0:0:0/96");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>Names of cloud metadata services (GCP, AWS, Tencent, Equinix), refused before any lookup; the others are reached by address only.</summary>
    public static readonly FrozenSet<string> MetadataHosts = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal",
        "metadata.tencentyun.com", "metadata.platformequinix.com", "metadata.packet.net");

    /// <summary>The kind of the address.</summary>
    public static AddressKind Classify(IPAddress address)
    {
        if (Embedded(address) is { } v4)
        {
            return Classify(v4);
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Find(V4, address) ?? AddressKind.Public;
        }

        if (address.Equals(IPAddress.IPv6Any))
        {
            return AddressKind.Unspecified;
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return AddressKind.Loopback;
        }

        return Find(V6, address) ?? (GlobalUnicast.Contains(address) ? AddressKind.Public : AddressKind.Reserved);
    }

    /// <summary>The address as the IPv4 address it carries, when it is an IPv6 form of one (mapped, translated, NAT64, 6to4); itself otherwise.</summary>
    public static IPAddress Normalize(IPAddress address) => Embedded(address) ?? address;

    /// <summary>Whether the host name is a cloud metadata service's (a trailing dot ignored).</summary>
    public static bool IsMetadataHost(string host) => MetadataHosts.Contains(host.TrimEnd('.'));

    private static IPAddress? Embedded(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (Translated.Contains(address) || Nat64.Contains(address))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        return SixToFour.Contains(address) ? new IPAddress(bytes.AsSpan(2, 4)) : null;
    }

    private static AddressKind? Find((IPNetwork Network, AddressKind Kind)[] ranges, IPAddress address)
    {
        foreach (var (network, kind) in ranges)
        {
            if (network.Contains(address))
            {
                return kind;
            }
        }

        return null;
    }
}
