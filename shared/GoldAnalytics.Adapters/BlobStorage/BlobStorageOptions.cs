namespace GoldAnalytics.Adapters.BlobStorage;

/// <summary>Where the blob service is and how to sign for it (Shared Key).</summary>
/// <param name="Endpoint">The account's blob endpoint: <c>http://127.0.0.1:10000/devstoreaccount1</c> (Azurite, path-style) or <c>https://account.blob.core.windows.net</c>.</param>
/// <param name="AccountName">The storage account name.</param>
/// <param name="AccountKey">The account key, base64.</param>
public sealed record BlobStorageOptions(Uri Endpoint, string AccountName, string AccountKey)
{
    /// <summary>Attempts per request on transient failures (connection refused, 408, 429, 5xx), the first included.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Delay before the first retry; doubles on each further retry (with jitter).</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Uploads up to this size go in one Put Blob; larger ones in blocks of this size.</summary>
    public int BlockSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>Reads <c>GA_BLOB_ENDPOINT</c>, <c>GA_BLOB_ACCOUNT</c> and <c>GA_BLOB_KEY</c>; fails naming the first one missing.</summary>
    public static BlobStorageOptions FromEnvironment() =>
        new(new Uri(Required("GA_BLOB_ENDPOINT")), Required("GA_BLOB_ACCOUNT"), Required("GA_BLOB_KEY"));

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Environment variable {name} is not set; blob storage needs GA_BLOB_ENDPOINT, GA_BLOB_ACCOUNT and GA_BLOB_KEY.");
}
