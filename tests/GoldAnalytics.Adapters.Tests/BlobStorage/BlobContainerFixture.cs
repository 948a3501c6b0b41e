using GoldAnalytics.Adapters.BlobStorage;
using GoldAnalytics.Testing;

namespace GoldAnalytics.Adapters.Tests.BlobStorage;

/// <summary>A client on the test Azurite and a container of the test class's own, deleted afterwards.</summary>
public sealed class BlobContainerFixture : IAsyncLifetime
{
    public string Container { get; } = $"t{Guid.NewGuid():N}";

    public BlobStorageOptions Options { get; } = new(TestServices.BlobEndpoint, TestServices.BlobAccount, TestServices.BlobKey);

    public BlobRestClient Client(BlobStorageOptions? options = null, HttpMessageHandler? handler = null) =>
        new(new HttpClient(handler ?? new SocketsHttpHandler()), options ?? Options);

    public async Task InitializeAsync() => await Client().CreateContainerAsync(Container);

    public async Task DisposeAsync() => await Client().DeleteContainerAsync(Container);
}

/// <summary>Passes every request to the real service and remembers what was sent.</summary>
public sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly List<string> _requests = [];

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_requests)
        {
            _requests.Add($"{request.Method} {request.RequestUri!.PathAndQuery}");
        }

        return base.SendAsync(request, cancellationToken);
    }
}
