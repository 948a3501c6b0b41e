using System.Threading.Channels;
using GoldAnalytics.Adapters.BlobStorage;

namespace GoldAnalytics.Runtime.Blobs;

/// <summary>
/// Hears of blobs this process wrote (the blob client calls it) and of blobs other hosts wrote (through
/// PostgreSQL NOTIFY), so blob triggers react at once. Dropped signals only cost latency: polling finds the blob.
/// </summary>
public sealed class BlobWriteSignal : IBlobWrittenNotifier
{
    private readonly Channel<BlobItem> _written = Bounded();
    private readonly Channel<BlobItem> _toBroadcast = Bounded();

    /// <summary>Tells this host's notifications from other hosts'.</summary>
    internal string Origin { get; } = Guid.NewGuid().ToString("N");

    internal ChannelReader<BlobItem> Written => _written.Reader;

    internal ChannelReader<BlobItem> ToBroadcast => _toBroadcast.Reader;

    /// <inheritdoc />
    public void BlobWritten(BlobItem blob)
    {
        _written.Writer.TryWrite(blob);
        _toBroadcast.Writer.TryWrite(blob);
    }

    internal void HeardFromAnotherHost(BlobItem blob) => _written.Writer.TryWrite(blob);

    private static Channel<BlobItem> Bounded() =>
        Channel.CreateBounded<BlobItem>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });
}
