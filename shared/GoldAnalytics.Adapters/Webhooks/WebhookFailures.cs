using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace GoldAnalytics.Adapters.Webhooks;

/// <summary>A failed attempt, classified: a stable code and a fixed message (never an exception's text, which would tell a manager about the network behind the host).</summary>
public sealed record WebhookFailure(string Code, string Message);

/// <summary>The stable codes of failed webhook attempts, and the classification of what went wrong.</summary>
public static class WebhookFailures
{
    /// <summary>No answer within the timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>The receiver's address refused the connection (nothing listens there).</summary>
    public const string ConnectionRefused = "connection_refused";

    /// <summary>Any other failure to connect, or the connection broke before an answer.</summary>
    public const string ConnectionFailed = "connection_failed";

    /// <summary>The host name did not resolve.</summary>
    public const string DnsFailure = "dns_failure";

    /// <summary>The host is, or resolves to, an address webhooks may not reach.</summary>
    public const string BlockedAddress = "blocked_address";

    /// <summary>The TLS handshake failed (certificate, name or protocol).</summary>
    public const string TlsError = "tls_error";

    /// <summary>The receiver answered with a status other than 2xx or 3xx.</summary>
    public const string HttpStatus = "http_status";

    /// <summary>The receiver answered with a redirect, which is not followed.</summary>
    public const string RedirectNotFollowed = "redirect_not_followed";

    /// <summary>The answer was not valid HTTP.</summary>
    public const string ProtocolError = "protocol_error";

    /// <summary>The subscription's signing secret cannot be opened with the host's key; nothing was posted.</summary>
    public const string SecretUnavailable = "secret_unavailable";

    private static readonly WebhookFailure Blocked = new(BlockedAddress,
        "the receiver's address is not allowed (loopback, private, link-local, metadata or reserved); an operator can allow it in the webhook settings");

    private static readonly WebhookFailure Dns = new(DnsFailure, "the receiver's host name did not resolve");

    private static readonly WebhookFailure Tls = new(TlsError, "the TLS handshake with the receiver failed (certificate, name or protocol)");

    private static readonly WebhookFailure Protocol = new(ProtocolError, "the receiver's answer was not valid HTTP");

    private static readonly WebhookFailure Connection = new(ConnectionFailed, "no connection could be made to the receiver, or it broke before an answer");

    /// <summary>The failure of an answer that is not 2xx.</summary>
    public static WebhookFailure OfStatus(int status) => status is >= 300 and < 400
        ? new(RedirectNotFollowed, $"the receiver answered {status}, a redirect; redirects are not followed, so point the subscription at the final URL")
        : new(HttpStatus, $"the receiver answered {status}");

    /// <summary>No answer within the timeout.</summary>
    public static WebhookFailure OfTimeout(TimeSpan timeout) =>
        new(Timeout, $"no answer within {timeout.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} s");

    /// <summary>What went wrong in a request that brought no answer, from the exception chain.</summary>
    public static WebhookFailure Of(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case WebhookAddressBlockedException:
                    return Blocked;
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData or SocketError.NoRecovery }:
                    return Dns;
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return new(ConnectionRefused, "the receiver's address refused the connection");
                case AuthenticationException:
                    return Tls;
            }
        }

        return exception is HttpRequestException http
            ? http.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => Dns,
                HttpRequestError.SecureConnectionError => Tls,
                HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError or HttpRequestError.VersionNegotiationError => Protocol,
                _ => Connection,
            }
            : Connection;
    }
}
