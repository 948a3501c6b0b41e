using System.Text;
using GoldAnalytics.Adapters.BlobStorage;

namespace GoldAnalytics.Adapters.Tests.BlobStorage;

public sealed class BlobRestClientTests(BlobContainerFixture fixture) : IClassFixture<BlobContainerFixture>
{
    private readonly BlobRestClient _client = fixture.Client();
    private readonly string _container = fixture.Container;

    [Fact]
    public async Task Creating_a_container_that_exists_is_not_an_error()
    {
        await _client.CreateContainerAsync(_container);

        var page = await _client.ListAsync(_container, prefix: "no-such-prefix/");
        page.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task A_client_signing_with_the_wrong_key_is_refused()
    {
        var wrongKey = fixture.Options with { AccountKey = Convert.ToBase64String(new byte[64]) };

        var act = () => fixture.Client(wrongKey).GetPropertiesAsync(_container, "anything.txt");

        (await act.Should().ThrowAsync<BlobStorageException>()).Which.StatusCode.Should().Be(403);
    }

    [Fact]
    public async Task A_put_blob_reads_back_with_its_bytes_content_type_and_etag()
    {
        var bytes = Encoding.UTF8.GetBytes("22K bangle, 18.4 g");

        var written = await _client.PutAsync(_container, "photos/bangle 1.txt", new MemoryStream(bytes), new BlobUpload("text/plain"));
        await using var download = await _client.GetAsync(_container, "photos/bangle 1.txt");

        download.Should().NotBeNull();
        using var copy = new MemoryStream();
        await download!.Content.CopyToAsync(copy);
        copy.ToArray().Should().Equal(bytes);
        download.Properties.ETag.Should().Be(written.ETag).And.NotBeNullOrEmpty();
        download.Properties.ContentType.Should().Be("text/plain");
        download.Properties.Length.Should().Be(bytes.Length);
    }

    [Fact]
    public async Task Head_returns_properties_and_null_for_a_missing_blob()
    {
        var written = await _client.PutAsync(_container, "head/ring.bin", new MemoryStream(new byte[1234]));

        var properties = await _client.GetPropertiesAsync(_container, "head/ring.bin");
        var missing = await _client.GetPropertiesAsync(_container, "head/missing.bin");

        properties!.ETag.Should().Be(written.ETag);
        properties.Length.Should().Be(1234);
        properties.LastModified.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        missing.Should().BeNull();
        (await _client.GetAsync(_container, "head/missing.bin")).Should().BeNull();
    }

    [Fact]
    public async Task Get_with_a_stale_etag_returns_null_once_the_blob_was_overwritten()
    {
        var first = await _client.PutAsync(_container, "etag/chain.txt", new MemoryStream("v1"u8.ToArray()));
        var second = await _client.PutAsync(_container, "etag/chain.txt", new MemoryStream("v2"u8.ToArray()));

        var stale = await _client.GetAsync(_container, "etag/chain.txt", ifMatchETag: first.ETag);
        await using var current = await _client.GetAsync(_container, "etag/chain.txt", ifMatchETag: second.ETag);

        second.ETag.Should().NotBe(first.ETag);
        stale.Should().BeNull();
        current.Should().NotBeNull();
    }

    [Fact]
    public async Task Delete_removes_the_blob_and_reports_whether_it_existed()
    {
        await _client.PutAsync(_container, "delete/coin.txt", new MemoryStream("x"u8.ToArray()));

        var first = await _client.DeleteAsync(_container, "delete/coin.txt");
        var second = await _client.DeleteAsync(_container, "delete/coin.txt");

        first.Should().BeTrue();
        second.Should().BeFalse();
        (await _client.GetPropertiesAsync(_container, "delete/coin.txt")).Should().BeNull();
    }

    [Fact]
    public async Task Metadata_round_trips_through_put_head_list_and_set()
    {
        var metadata = new Dictionary<string, string> { ["sku"] = "RNG-22K-0042", ["karat"] = "22" };
        var written = await _client.PutAsync(_container, "meta/ring.jpg", new MemoryStream(new byte[10]), new BlobUpload("image/jpeg", metadata));

        var head = await _client.GetPropertiesAsync(_container, "meta/ring.jpg");
        var listed = (await _client.ListAsync(_container, "meta/")).Items.Single();
        await _client.SetMetadataAsync(_container, "meta/ring.jpg", new Dictionary<string, string> { ["sku"] = "RNG-22K-0043" });
        var changed = await _client.GetPropertiesAsync(_container, "meta/ring.jpg");

        head!.Metadata.Should().BeEquivalentTo(metadata);
        listed.Metadata.Should().BeEquivalentTo(metadata);
        listed.ETag.Should().Be(written.ETag);
        changed!.Metadata.Should().BeEquivalentTo(new Dictionary<string, string> { ["sku"] = "RNG-22K-0043" });
        changed.ETag.Should().NotBe(written.ETag);
    }

    [Fact]
    public async Task Listing_pages_through_every_blob_under_a_prefix_with_the_continuation_marker()
    {
        var names = Enumerable.Range(0, 23).Select(i => $"paging/{i:D3}.txt").ToList();
        await Task.WhenAll(names.Select(n => _client.PutAsync(_container, n, new MemoryStream("g"u8.ToArray()))));
        await _client.PutAsync(_container, "pagingx/other.txt", new MemoryStream("g"u8.ToArray()));

        var pages = new List<BlobPage>();
        string? marker = null;
        do
        {
            var page = await _client.ListAsync(_container, "paging/", marker, pageSize: 10);
            pages.Add(page);
            marker = page.NextMarker;
        }
        while (marker is not null);

        pages.Select(p => p.Items.Count).Should().Equal(10, 10, 3);
        pages.SelectMany(p => p.Items).Select(i => i.Name).Should().Equal(names);
    }

    [Fact]
    public async Task A_large_upload_goes_in_blocks_and_reads_back_identical()
    {
        var recorder = new RecordingHandler(new SocketsHttpHandler());
        var client = fixture.Client(fixture.Options with { BlockSize = 1024 * 1024 }, recorder);
        var bytes = new byte[(5 * 1024 * 1024) + 12345];
        new Random(42).NextBytes(bytes);

        var written = await client.PutAsync(_container, "large/necklace.bin", new OneWayStream(bytes), new BlobUpload("application/octet-stream"));
        await using var download = await client.GetAsync(_container, "large/necklace.bin");
        using var copy = new MemoryStream();
        await download!.Content.CopyToAsync(copy);

        copy.ToArray().Should().Equal(bytes);
        written.Length.Should().Be(bytes.Length);
        recorder.Requests.Count(r => r.Contains("comp=block&", StringComparison.Ordinal)).Should().Be(6);
        recorder.Requests.Count(r => r.Contains("comp=blocklist", StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task A_upload_of_exactly_one_block_is_a_single_put()
    {
        var recorder = new RecordingHandler(new SocketsHttpHandler());
        var client = fixture.Client(fixture.Options with { BlockSize = 64 * 1024 }, recorder);
        var bytes = new byte[64 * 1024];

        await client.PutAsync(_container, "large/one-block.bin", new OneWayStream(bytes));

        recorder.Requests.Should().ContainSingle().Which.Should().StartWith("PUT").And.NotContain("comp=");
        (await client.GetPropertiesAsync(_container, "large/one-block.bin"))!.Length.Should().Be(bytes.Length);
    }

    /// <summary>A stream that can only be read forward, as a network upload is.</summary>
    private sealed class OneWayStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 70_000));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
