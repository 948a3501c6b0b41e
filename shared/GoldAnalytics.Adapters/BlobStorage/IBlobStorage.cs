namespace GoldAnalytics.Adapters.BlobStorage;

/// <summary>The blob operations the app needs: containers, blobs, metadata, CORS and SAS URLs for browsers.</summary>
public interface IBlobStorage
{
    /// <summary>Creates the container; does nothing if it exists.</summary>
    Task CreateContainerAsync(string container, CancellationToken cancellationToken = default);

    /// <summary>Deletes the container and its blobs; does nothing if it does not exist.</summary>
    Task DeleteContainerAsync(string container, CancellationToken cancellationToken = default);

    /// <summary>Uploads (or overwrites) a blob from a stream: one request when small, blocks when large; returns the new version.</summary>
    Task<BlobItem> PutAsync(string container, string name, Stream content, BlobUpload? upload = null, CancellationToken cancellationToken = default);

    /// <summary>Opens the blob for reading, or null if it does not exist (or, with <paramref name="ifMatchETag"/>, is no longer that version).</summary>
    Task<BlobDownload?> GetAsync(string container, string name, string? ifMatchETag = null, CancellationToken cancellationToken = default);

    /// <summary>The blob's properties and metadata, or null if it does not exist.</summary>
    Task<BlobItem?> GetPropertiesAsync(string container, string name, CancellationToken cancellationToken = default);

    /// <summary>One page of the blobs whose names start with <paramref name="prefix"/>, in name order, with their metadata.</summary>
    Task<BlobPage> ListAsync(string container, string? prefix = null, string? marker = null, int pageSize = 5000, CancellationToken cancellationToken = default);

    /// <summary>Replaces the blob's metadata (this changes its ETag).</summary>
    Task SetMetadataAsync(string container, string name, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default);

    /// <summary>Deletes the blob; returns false if it did not exist.</summary>
    Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default);

    /// <summary>Sets the service's CORS rules (Set Blob Service Properties), replacing any there were.</summary>
    Task SetCorsRulesAsync(IReadOnlyList<BlobCorsRule> rules, CancellationToken cancellationToken = default);

    /// <summary>A URL that lets anyone holding it use one blob with these permissions until it expires.</summary>
    Uri GetSasUri(string container, string name, BlobSasPermissions permissions, TimeSpan lifetime);
}

/// <summary>Told when the app itself wrote a blob, so blob triggers can react at once rather than at the next poll.</summary>
public interface IBlobWrittenNotifier
{
    /// <summary>Called after a blob version was written.</summary>
    void BlobWritten(BlobItem blob);
}
