using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace GoldAnalytics.Adapters.Webhooks;

/// <summary>Resolves a host name to its addresses (the system's DNS by default; tests give their own).</summary>
public delegate Task<IPAddress[]> HostResolver(string host, CancellationToken cancellationToken);

/// <summary>Where a host led: the addresses that may be connected to, or that it is blocked, or that it did not resolve.</summary>
public sealed record AddressCheck(IReadOnlyList<IPAddress> Addresses, bool Blocked)
{
    /// <summary>The host did not resolve to any address.</summary>
    public bool Unresolved => !Blocked && Addresses.Count == 0;
}

/// <summary>Thrown by a connection attempt to an address the policy refuses; it never reaches the network.</summary>
public sealed class WebhookAddressBlockedException : Exception
{
    public WebhookAddressBlockedException()
        : base("The receiver's address is not allowed.")
    {
    }

    public WebhookAddressBlockedException(string message)
        : base(message)
    {
    }

    public WebhookAddressBlockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Which addresses webhooks may reach: public ones, and those an operator allows explicitly (IP addresses,
/// CIDR ranges or host names, e.g. <c>127.0.0.1</c> for a local receiver, <c>10.20.0.0/16</c>,
/// <c>erp.internal</c>). A host name passes only when every address it resolves to does, so a name
/// cannot mix a public address with an internal one.
/// </summary>
public sealed class WebhookAddressPolicy
{
    private readonly IPNetwork[] _networks;
    private readonly FrozenSet<string> _hosts;

    private WebhookAddressPolicy(IPNetwork[] networks, FrozenSet<string> hosts)
    {
        _networks = networks;
        _hosts = hosts;
    }

    /// <summary>Public addresses only.</summary>
    public static WebhookAddressPolicy PublicOnly { get; } = new([], FrozenSet<string>.Empty);

    /// <summary>
    /// The policy allowing, beyond public addresses, the entries of <paramref name="allowList"/>
    /// (separated by commas or white space); throws <see cref="FormatException"/> naming a bad entry.
    /// </summary>
    public static WebhookAddressPolicy Parse(string? allowList) =>
        TryParse(allowList, out var policy, out var problem) ? policy : throw new FormatException(problem);

    /// <summary>The policy of <paramref name="allowList"/>, or false with the problem of its first bad entry.</summary>
    public static bool TryParse(string? allowList, [NotNullWhen(true)] out WebhookAddressPolicy? policy, [NotNullWhen(false)] out string? problem)
    {
        var networks = new List<IPNetwork>();
        var hosts = new List<string>();
        policy = null;
        problem = null;
        foreach (var entry in (allowList ?? "").Split([',', ' ', '\t', '\r', '\n', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (IPAddress.TryParse(entry, out var address))
            {
                var normalized = WebhookAddresses.Normalize(address);
                networks.Add(new IPNetwork(normalized, normalized.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            }
            else if (entry.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (Uri.CheckHostName(entry) == UriHostNameType.Dns)
            {
                hosts.Add(Host(entry));
            }
            else
            {
                problem = $"'{entry}' is neither an IP address, a CIDR range (10.20.0.0/16, fd00:1::/64) nor a host name";
                return false;
            }
        }

        policy = new WebhookAddressPolicy([.. networks], hosts.ToFrozenSet(StringComparer.OrdinalIgnoreCase));
        return true;
    }

    /// <summary>Whether the address may be connected to: it is public, or allowed explicitly.</summary>
    public bool Allows(IPAddress address)
    {
        var normalized = WebhookAddresses.Normalize(address);
        return WebhookAddresses.Classify(normalized) == AddressKind.Public || _networks.Any(n => n.Contains(normalized));
    }

    /// <summary>
    /// Resolves the host (an IP literal is not looked up) and checks every address it leads to. A host
    /// allowed by name passes with whatever it resolves to; a metadata service's name is blocked
    /// before any lookup.
    /// </summary>
    public async Task<AddressCheck> CheckAsync(string host, HostResolver resolve, CancellationToken cancellationToken)
    {
        var name = Host(host);
        if (IPAddress.TryParse(name, out var literal))
        {
            return Allows(literal) ? new AddressCheck([literal], false) : new AddressCheck([], true);
        }

        var allowedByName = _hosts.Contains(name);
        if (!allowedByName && WebhookAddresses.IsMetadataHost(name))
        {
            return new AddressCheck([], true);
        }

        IPAddress[] addresses;
        try
        {
            addresses = await resolve(name, cancellationToken);
        }
        catch (Exception exception) when (exception is SocketException or ArgumentException)
        {
            // ArgumentException: a name too long or malformed for DNS, which resolves to nothing either.
            return new AddressCheck([], false);
        }

        return allowedByName || addresses.All(Allows) ? new AddressCheck(addresses, false) : new AddressCheck([], true);
    }

    /// <summary>The system resolver.</summary>
    public static Task<IPAddress[]> SystemResolver(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);

    // URLs give IPv6 literals in brackets and may end a name with the root's dot.
    private static string Host(string host) => host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.').ToLowerInvariant();
}
