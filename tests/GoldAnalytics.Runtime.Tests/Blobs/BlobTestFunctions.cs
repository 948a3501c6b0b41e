using System.Collections.Concurrent;
using GoldAnalytics.Adapters.BlobStorage;
using GoldAnalytics.Runtime.Blobs;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.TestHost;

namespace GoldAnalytics.Runtime.Tests.Blobs;

/// <summary>Blob functions for the tests; each records its runs through <see cref="BlobRuns"/>.</summary>
public sealed class BlobTestFunctions(BlobRuns runs)
{
    private readonly ConcurrentDictionary<string, int> _flakyAttempts = new();

    [Function("Photo")]
    public async Task PhotoAsync([BlobTrigger("photos/{name}")] byte[] photo, string name, BlobItem properties, CancellationToken cancellationToken)
    {
        await Task.Delay(10, cancellationToken);
        await runs.RecordAsync("Photo", name, properties.ETag, $"{photo.Length}", cancellationToken);
    }

    [Function("Import")]
    public Task ImportAsync([BlobTrigger("imports/{branch}/{name}.csv")] string csv, string branch, string name, BlobItem properties, CancellationToken cancellationToken) =>
        runs.RecordAsync("Import", properties.Name, properties.ETag, $"{branch}|{name}|{csv}", cancellationToken);

    [Function("Streamed")]
    public async Task StreamedAsync([BlobTrigger("streams/{name}")] Stream content, string blobTrigger, BlobItem properties, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        await runs.RecordAsync("Streamed", properties.Name, properties.ETag, $"{blobTrigger}|{copy.Length}", cancellationToken);
    }

    [Function("Listed")]
    public Task ListedAsync([BlobTrigger("listed/{name}")] BlobItem blob, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        runs.RecordAsync("Listed", blob.Name, blob.ETag, $"{blob.Length}|{metadata["karat"]}", cancellationToken);

    [Function("AlwaysFails")]
    public async Task AlwaysFailsAsync([BlobTrigger("poison/{name}")] string text, string name, BlobItem properties, CancellationToken cancellationToken)
    {
        await runs.RecordAsync("AlwaysFails", name, properties.ETag, "attempt", cancellationToken);
        throw new InvalidDataException($"'{text}' is not a photo");
    }

    [Function("FailsTwice")]
    public async Task FailsTwiceAsync([BlobTrigger("flaky/{name}")] string text, string name, BlobItem properties, CancellationToken cancellationToken)
    {
        var attempt = _flakyAttempts.AddOrUpdate(name, 1, (_, n) => n + 1);
        await runs.RecordAsync("FailsTwice", name, properties.ETag, $"attempt {attempt}", cancellationToken);
        if (attempt <= 2)
        {
            throw new IOException("Image service not ready");
        }
    }
}
