using GoldAnalytics.Adapters.BlobStorage;
using GoldAnalytics.Runtime.Blobs;
using GoldAnalytics.Runtime.Catalogue;

namespace GoldAnalytics.Runtime.TestHost;

/// <summary>The test host's blob function: works for a while, then records each product photo it is given.</summary>
public sealed class BlobFunctions(BlobRuns runs, TimeSpan work)
{
    [Function("PhotoUploaded")]
    public async Task PhotoUploadedAsync([BlobTrigger("product-photos/{name}")] byte[] photo, string name, BlobItem properties, CancellationToken cancellationToken)
    {
        await Task.Delay(work, cancellationToken);
        await runs.RecordAsync("PhotoUploaded", name, properties.ETag, $"{photo.Length} bytes", cancellationToken);
    }
}
