namespace GoldAnalytics.Adapters.BlobStorage;

/// <summary>A blob as listed or looked up: one version, identified by its ETag.</summary>
public sealed record BlobItem(
    string Container,
    string Name,
    string ETag,
    long Length,
    string? ContentType,
    DateTimeOffset LastModified,
    IReadOnlyDictionary<string, string> Metadata);

/// <summary>One page of a listing; <see cref="NextMarker"/> is null on the last page.</summary>
public sealed record BlobPage(IReadOnlyList<BlobItem> Items, string? NextMarker);

/// <summary>What to upload besides the bytes.</summary>
public sealed record BlobUpload(string? ContentType = null, IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>A downloaded blob: its properties and the content stream, which the caller disposes.</summary>
public sealed class BlobDownload(BlobItem properties, Stream content, IDisposable response) : IAsyncDisposable, IDisposable
{
    /// <summary>The version that was read.</summary>
    public BlobItem Properties { get; } = properties;

    /// <summary>The content, streamed from the service.</summary>
    public Stream Content { get; } = content;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        response.Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Content.Dispose();
        response.Dispose();
    }
}

/// <summary>A CORS rule of the blob service, so browsers can use SAS URLs directly.</summary>
public sealed record BlobCorsRule(
    IReadOnlyList<string> AllowedOrigins,
    IReadOnlyList<string> AllowedMethods,
    IReadOnlyList<string> AllowedHeaders,
    IReadOnlyList<string> ExposedHeaders,
    int MaxAgeInSeconds);

/// <summary>What a SAS URL lets its holder do with one blob.</summary>
[Flags]
public enum BlobSasPermissions
{
    /// <summary>Download.</summary>
    Read = 1,

    /// <summary>Upload a new blob.</summary>
    Create = 2,

    /// <summary>Upload or overwrite.</summary>
    Write = 4,
}

/// <summary>A request the blob service refused for a reason retries cannot fix.</summary>
public sealed class BlobStorageException(string message, int statusCode, string? errorCode) : Exception(message)
{
    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>The service's error code (x-ms-error-code), e.g. <c>ContainerNotFound</c>.</summary>
    public string? ErrorCode { get; } = errorCode;
}
