using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace GoldAnalytics.Benchmarks.Http;

/// <summary>
/// A server without sockets: hands requests straight to the application, so the cost measured is the
/// request pipeline's (middleware, routing, the endpoint), not the network's or the client's.
/// </summary>
internal sealed class InProcessServer : IServer
{
    // Cancellable like a connection's token, so writers take the same path as under Kestrel.
    private static readonly CancellationTokenSource Connection = new();
    private Func<string, string?, Task<int>>? _send;

    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        _send = (path, key) => SendAsync(application, path, key);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }

    /// <summary>Runs one GET through the application and returns its status code.</summary>
    public Task<int> GetAsync(string path, string? key) =>
        (_send ?? throw new InvalidOperationException("The server has not started."))(path, key);

    private static async Task<int> SendAsync<TContext>(IHttpApplication<TContext> application, string path, string? key)
        where TContext : notnull
    {
        var request = new HttpRequestFeature { Method = HttpMethods.Get, Scheme = "http", Path = path, Protocol = "HTTP/1.1" };
        request.Headers.Host = "localhost";
        if (key is not null)
        {
            request.Headers["x-functions-key"] = key;
        }

        var body = new ResponseBody();
        var response = new ResponseFeature(body);
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(request);
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(body));
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = Connection.Token });
        var context = application.CreateContext(features);
        try
        {
            await application.ProcessRequestAsync(context);
            application.DisposeContext(context, null);
        }
        catch (Exception e)
        {
            application.DisposeContext(context, e);
            throw;
        }

        return response.StatusCode;
    }

    // A response has started once anything reached its body, as with a real server.
    private sealed class ResponseFeature(ResponseBody body) : HttpResponseFeature
    {
        public override bool HasStarted => body.Written;
    }

    private sealed class ResponseBody : Stream
    {
        public bool Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => Written = true;

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Written = true;
            return Task.CompletedTask;
        }

        public override void Write(byte[] buffer, int offset, int count) => Written = true;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Written = true;
            return ValueTask.CompletedTask;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
