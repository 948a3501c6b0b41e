using System.Net;
using System.Net.Sockets;
using GoldAnalytics.Adapters.BlobStorage;

namespace GoldAnalytics.Adapters.Tests.BlobStorage;

public sealed class BlobRetryTests(BlobContainerFixture fixture) : IClassFixture<BlobContainerFixture>
{
    [Fact]
    public async Task Transient_503_and_429_answers_are_retried_until_the_service_answers()
    {
        var faults = new FaultingHandler(new SocketsHttpHandler(), HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests);
        var client = fixture.Client(fixture.Options with { FirstRetryDelay = TimeSpan.FromMilliseconds(10) }, faults);

        var written = await client.PutAsync(fixture.Container, "retry/bar.txt", new MemoryStream("24K bar"u8.ToArray()));

        faults.Attempts.Should().Be(3);
        (await client.GetPropertiesAsync(fixture.Container, "retry/bar.txt"))!.ETag.Should().Be(written.ETag);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_a_bounded_number_of_times_then_fails()
    {
        var counting = new FaultingHandler(new SocketsHttpHandler());
        var nobody = new BlobStorageOptions(new Uri($"http://127.0.0.1:{ClosedPort()}/devstoreaccount1"), fixture.Options.AccountName, fixture.Options.AccountKey)
        {
            MaxAttempts = 3,
            FirstRetryDelay = TimeSpan.FromMilliseconds(10),
        };
        var client = fixture.Client(nobody, counting);

        var act = () => client.CreateContainerAsync("anything");

        await act.Should().ThrowAsync<HttpRequestException>();
        counting.Attempts.Should().Be(3);
    }

    [Fact]
    public async Task A_refusal_that_retries_cannot_fix_fails_at_once_with_the_service_error_code()
    {
        var counting = new FaultingHandler(new SocketsHttpHandler());
        var client = fixture.Client(fixture.Options, counting);

        var act = () => client.PutAsync($"missing{Guid.NewGuid():N}", "x.txt", new MemoryStream([1]));

        (await act.Should().ThrowAsync<BlobStorageException>()).Which.ErrorCode.Should().Be("ContainerNotFound");
        counting.Attempts.Should().Be(1);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Answers the first requests with the given transient statuses, then lets requests through to the real service.</summary>
    private sealed class FaultingHandler(HttpMessageHandler inner, params HttpStatusCode[] faults) : DelegatingHandler(inner)
    {
        private int _attempts;

        public int Attempts => _attempts;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var attempt = Interlocked.Increment(ref _attempts);
            return attempt <= faults.Length
                ? Task.FromResult(new HttpResponseMessage(faults[attempt - 1]))
                : base.SendAsync(request, cancellationToken);
        }
    }
}
