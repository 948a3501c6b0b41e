using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GoldAnalytics.Testing;

/// <summary>A connection a <see cref="LoopbackListener"/> accepted: when, the request head it read, and when the client closed it.</summary>
public sealed class LoopbackConnection
{
    public DateTimeOffset AcceptedAt { get; } = DateTimeOffset.UtcNow;

    public string RequestHead { get; internal set; } = "";

    /// <summary>When the client closed the connection (or the listener gave up holding it); null while it is open.</summary>
    public DateTimeOffset? ClosedAt { get; internal set; }
}

/// <summary>
/// A raw TCP listener on 127.0.0.1 for tests of HTTP clients: it reads each request and answers with a
/// canned response, or never (a receiver that hangs): then it holds the connection until the client
/// gives up, at most <c>holdAtMost</c>, so a test cannot leave it hanging.
/// </summary>
public sealed class LoopbackListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<LoopbackConnection> _connections = new();
    private readonly string? _response;
    private readonly TimeSpan _holdAtMost;
    private readonly Task _accepting;

    private LoopbackListener(string? response, TimeSpan holdAtMost)
    {
        _response = response;
        _holdAtMost = holdAtMost;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>A listener that answers every request with <paramref name="response"/> (the raw HTTP text), or never when it is null.</summary>
    public static LoopbackListener Start(string? response, TimeSpan? holdAtMost = null) => new(response, holdAtMost ?? TimeSpan.FromSeconds(30));

    /// <summary>A listener that never answers.</summary>
    public static LoopbackListener Silent(TimeSpan? holdAtMost = null) => Start(null, holdAtMost);

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The connections accepted so far, in order.</summary>
    public IReadOnlyList<LoopbackConnection> Connections => [.. _connections];

    /// <summary>http://127.0.0.1:port with the path.</summary>
    public Uri Url(string path = "/") => new($"http://127.0.0.1:{Port}{path}");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var serving = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var connection = new LoopbackConnection();
                _connections.Enqueue(connection);
                serving.Add(ServeAsync(client, connection));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(serving).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ServeAsync(TcpClient client, LoopbackConnection connection)
    {
        using var owned = client;
        using var hold = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        hold.CancelAfter(_holdAtMost);
        var stream = client.GetStream();
        var buffer = new byte[8192];
        var received = new StringBuilder();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, hold.Token)) > 0)
            {
                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                var text = received.ToString();
                if (connection.RequestHead.Length == 0 && text.Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    connection.RequestHead = text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
                    if (_response is not null)
                    {
                        // Answered: the rest of the body is drained until the client closes, so the close is not a reset.
                        await stream.WriteAsync(Encoding.ASCII.GetBytes(_response), hold.Token);
                        client.Client.Shutdown(SocketShutdown.Send);
                    }
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException)
        {
        }

        connection.ClosedAt = DateTimeOffset.UtcNow;
    }
}
