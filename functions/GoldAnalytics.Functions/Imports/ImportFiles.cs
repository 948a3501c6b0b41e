using GoldAnalytics.Adapters.BlobStorage;
using GoldAnalytics.Data.Imports;

namespace GoldAnalytics.Functions.Imports;

/// <summary>When an import runs as an orchestration, and where its file waits meanwhile (blob container <c>imports</c>).</summary>
public sealed record ImportJobOptions(long AsyncFromBytes, int ChunkRows, string Container = "imports")
{
    /// <summary>Files from this size on run as an orchestration (unless the caller asks otherwise): <c>GA_IMPORT_ASYNC_BYTES</c>, default 16 MiB.</summary>
    public const string AsyncFromBytesSetting = "GA_IMPORT_ASYNC_BYTES";

    /// <summary>Rows staged per activity, the step of the progress: <c>GA_IMPORT_CHUNK_ROWS</c>, default 250,000.</summary>
    public const string ChunkRowsSetting = "GA_IMPORT_CHUNK_ROWS";

    /// <summary>The blob container of the waiting files: <c>GA_IMPORT_CONTAINER</c>, default imports.</summary>
    public const string ContainerSetting = "GA_IMPORT_CONTAINER";

    /// <summary>The options from the host's configuration.</summary>
    public static ImportJobOptions From(IConfiguration configuration) => new(
        long.TryParse(configuration[AsyncFromBytesSetting], System.Globalization.CultureInfo.InvariantCulture, out var bytes) ? bytes : 16L << 20,
        int.TryParse(configuration[ChunkRowsSetting], System.Globalization.CultureInfo.InvariantCulture, out var rows) && rows > 0 ? rows : 250_000,
        configuration[ContainerSetting] is { Length: > 0 } container ? container : "imports");
}

/// <summary>Keeps the files of large imports in blob storage between the steps of their orchestration.</summary>
public sealed class ImportFiles(IServiceProvider services, ImportJobOptions options)
{
    private readonly IBlobStorage? _blobs = services.GetService<IBlobStorage>();

    /// <summary>Rows staged per step of a job.</summary>
    public int ChunkRows => options.ChunkRows;

    /// <summary>Whether the file goes through an orchestration: blob storage is configured and the file is large or the caller asks.</summary>
    public bool RunsAsJob(SpooledCsv file, bool? requested) => _blobs is not null && (requested ?? file.Length >= options.AsyncFromBytes);

    /// <summary>Stores the file under its kind and hash (the same file always lands on the same blob) and returns the blob's name.</summary>
    public async Task<string> UploadAsync(ImportKind kind, SpooledCsv file, CancellationToken cancellationToken)
    {
        var blobs = Blobs;
        var name = $"{kind.Name}/{Convert.ToHexStringLower(file.Sha256)}.csv";
        await blobs.CreateContainerAsync(options.Container, cancellationToken);
        await using var content = File.OpenRead(file.Path);
        await blobs.PutAsync(options.Container, name, content, new BlobUpload("text/csv"), cancellationToken);
        return name;
    }

    /// <summary>Downloads the file to a temporary file of this host (hashed and its encoding detected again).</summary>
    public async Task<SpooledCsv> OpenAsync(string blob, CancellationToken cancellationToken)
    {
        await using var download = await Blobs.GetAsync(options.Container, blob, cancellationToken: cancellationToken)
            ?? throw new InvalidOperationException($"The import file {options.Container}/{blob} is gone.");
        return await SpooledCsv.SpoolAsync(download.Content, cancellationToken);
    }

    /// <summary>Deletes the file once its import has finished.</summary>
    public Task DeleteAsync(string blob, CancellationToken cancellationToken) => Blobs.DeleteAsync(options.Container, blob, cancellationToken);

    private IBlobStorage Blobs => _blobs ?? throw new InvalidOperationException("Blob storage is not configured (GA_BLOB_ENDPOINT).");
}
