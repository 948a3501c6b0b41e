using System.Globalization;
using System.Net.Http.Headers;
using System.Security;
using System.Text;

namespace GoldAnalytics.Adapters.BlobStorage;

/// <summary>
/// One upload from a stream: a single Put Blob when it fits in one block, otherwise Put Block per block
/// and Put Block List. Only one block is held in memory at a time, and each block is retried on its own.
/// </summary>
internal sealed class BlockUpload(BlobRestClient client, string container, string name, BlobUpload upload, int blockSize)
{
    private readonly List<string> _blockIds = [];
    private long _length;

    public async Task<BlobItem> RunAsync(Stream content, CancellationToken cancellationToken)
    {
        var current = new byte[blockSize];
        var next = new byte[blockSize];
        var currentCount = await FillAsync(content, current, cancellationToken);
        var nextCount = currentCount < blockSize ? 0 : await FillAsync(content, next, cancellationToken);
        if (nextCount == 0)
        {
            return await PutSingleAsync(current.AsMemory(0, currentCount), cancellationToken);
        }

        while (currentCount > 0)
        {
            await PutBlockAsync(current.AsMemory(0, currentCount), cancellationToken);
            (current, next) = (next, current);
            currentCount = nextCount;
            nextCount = currentCount < blockSize ? 0 : await FillAsync(content, next, cancellationToken);
        }

        return await CommitAsync(cancellationToken);
    }

    private async Task<BlobItem> PutSingleAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(() =>
        {
            var request = BlobRestClient.WithMetadata(client.Request(HttpMethod.Put, container, name), upload.Metadata);
            request.Headers.TryAddWithoutValidation("x-ms-blob-type", "BlockBlob");
            request.Content = Body(bytes, upload.ContentType ?? "application/octet-stream");
            return request;
        }, cancellationToken);
        await BlobRestClient.EnsureSuccessAsync(response, $"put blob '{container}/{name}'");
        return Written(response, bytes.Length);
    }

    private async Task PutBlockAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        // Block ids must all have the same length within a blob.
        var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes(_blockIds.Count.ToString("D8", CultureInfo.InvariantCulture)));
        using var response = await client.SendAsync(() =>
        {
            var request = client.Request(HttpMethod.Put, container, name, $"comp=block&blockid={Uri.EscapeDataString(blockId)}");
            request.Content = Body(bytes, null);
            return request;
        }, cancellationToken);
        await BlobRestClient.EnsureSuccessAsync(response, $"put block {_blockIds.Count} of '{container}/{name}'");
        _blockIds.Add(blockId);
        _length += bytes.Length;
    }

    private async Task<BlobItem> CommitAsync(CancellationToken cancellationToken)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        foreach (var id in _blockIds)
        {
            xml.Append("<Latest>").Append(SecurityElement.Escape(id)).Append("</Latest>");
        }

        xml.Append("</BlockList>");
        using var response = await client.SendAsync(() =>
        {
            var request = BlobRestClient.WithMetadata(client.Request(HttpMethod.Put, container, name, "comp=blocklist"), upload.Metadata);
            request.Headers.TryAddWithoutValidation("x-ms-blob-content-type", upload.ContentType ?? "application/octet-stream");
            request.Content = new StringContent(xml.ToString(), Encoding.UTF8, "application/xml");
            return request;
        }, cancellationToken);
        await BlobRestClient.EnsureSuccessAsync(response, $"commit the block list of '{container}/{name}'");
        return Written(response, _length);
    }

    private BlobItem Written(HttpResponseMessage response, long length) =>
        new(container, name, BlobRestClient.ETagOf(response), length, upload.ContentType ?? "application/octet-stream",
            response.Content.Headers.LastModified ?? DateTimeOffset.UtcNow,
            upload.Metadata ?? new Dictionary<string, string>());

    private static ReadOnlyMemoryContent Body(ReadOnlyMemory<byte> bytes, string? contentType)
    {
        var body = new ReadOnlyMemoryContent(bytes);
        if (contentType is not null)
        {
            body.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return body;
    }

    private static async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }
}
