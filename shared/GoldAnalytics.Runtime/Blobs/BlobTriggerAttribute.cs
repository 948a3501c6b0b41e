using GoldAnalytics.Runtime.Catalogue;

namespace GoldAnalytics.Runtime.Blobs;

/// <summary>
/// Runs the function for each new or changed blob whose path matches, e.g. <c>"product-photos/{name}"</c> or
/// <c>"imports/{branch}/{name}.csv"</c>; placeholders bind to parameters of the same name. The trigger parameter
/// may be a <see cref="Stream"/>, <c>byte[]</c>, <see cref="string"/> (UTF-8) or <see cref="Adapters.BlobStorage.BlobItem"/>.
/// </summary>
public sealed class BlobTriggerAttribute(string path) : TriggerAttribute
{
    /// <summary>Container, a slash, then the blob name pattern with <c>{placeholders}</c>.</summary>
    public string Path { get; } = path;

    /// <inheritdoc />
    public override string Kind => "blobTrigger";
}
