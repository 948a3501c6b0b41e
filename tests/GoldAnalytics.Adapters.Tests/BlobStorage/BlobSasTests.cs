using System.Net;
using GoldAnalytics.Adapters.BlobStorage;

namespace GoldAnalytics.Adapters.Tests.BlobStorage;

public sealed class BlobSasTests(BlobContainerFixture fixture) : IClassFixture<BlobContainerFixture>, IDisposable
{
    private readonly BlobRestClient _client = fixture.Client();
    private readonly HttpClient _browser = new();

    public void Dispose() => _browser.Dispose();

    [Fact]
    public async Task A_browser_uploads_with_a_create_sas_and_downloads_with_a_read_sas()
    {
        var bytes = "photo of a 21K necklace"u8.ToArray();
        var uploadUrl = _client.GetSasUri(fixture.Container, "sas/necklace 1.jpg", BlobSasPermissions.Create | BlobSasPermissions.Write, TimeSpan.FromMinutes(5));
        var downloadUrl = _client.GetSasUri(fixture.Container, "sas/necklace 1.jpg", BlobSasPermissions.Read, TimeSpan.FromMinutes(5));

        using var upload = new HttpRequestMessage(HttpMethod.Put, uploadUrl) { Content = new ByteArrayContent(bytes) };
        upload.Headers.Add("x-ms-blob-type", "BlockBlob");
        using var uploaded = await _browser.SendAsync(upload);
        var downloaded = await _browser.GetByteArrayAsync(downloadUrl);

        uploaded.StatusCode.Should().Be(HttpStatusCode.Created);
        downloaded.Should().Equal(bytes);
    }

    [Fact]
    public async Task A_read_sas_cannot_write()
    {
        var readOnly = _client.GetSasUri(fixture.Container, "sas/read-only.jpg", BlobSasPermissions.Read, TimeSpan.FromMinutes(5));

        using var upload = new HttpRequestMessage(HttpMethod.Put, readOnly) { Content = new ByteArrayContent([1, 2, 3]) };
        upload.Headers.Add("x-ms-blob-type", "BlockBlob");
        using var response = await _browser.SendAsync(upload);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _client.GetPropertiesAsync(fixture.Container, "sas/read-only.jpg")).Should().BeNull();
    }

    [Fact]
    public async Task An_expired_sas_is_refused()
    {
        await _client.PutAsync(fixture.Container, "sas/expiring.jpg", new MemoryStream([1, 2, 3]));

        // The expiry is written in whole seconds, so a lifetime of one second could end within
        // milliseconds; four leave at least three for the first read on a busy machine.
        var lifetime = TimeSpan.FromSeconds(4);
        var issued = DateTimeOffset.UtcNow;
        var url = _client.GetSasUri(fixture.Container, "sas/expiring.jpg", BlobSasPermissions.Read, lifetime);

        using var before = await _browser.GetAsync(url);
        var pastExpiry = issued + lifetime + TimeSpan.FromSeconds(1.5) - DateTimeOffset.UtcNow;
        await Task.Delay(pastExpiry > TimeSpan.Zero ? pastExpiry : TimeSpan.Zero);
        using var after = await _browser.GetAsync(url);

        before.StatusCode.Should().Be(HttpStatusCode.OK);
        after.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_sas_with_a_tampered_signature_is_refused()
    {
        await _client.PutAsync(fixture.Container, "sas/tampered.jpg", new MemoryStream([1]));
        var url = _client.GetSasUri(fixture.Container, "sas/tampered.jpg", BlobSasPermissions.Read, TimeSpan.FromMinutes(5)).ToString();
        var otherBlob = url.Replace("sas/tampered.jpg", "sas/other.jpg", StringComparison.Ordinal);
        await _client.PutAsync(fixture.Container, "sas/other.jpg", new MemoryStream([2]));

        using var response = await _browser.GetAsync(new Uri(otherBlob));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
