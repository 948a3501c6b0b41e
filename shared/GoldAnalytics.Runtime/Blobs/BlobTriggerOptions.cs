namespace GoldAnalytics.Runtime.Blobs;

/// <summary>Settings of the blob triggers (host.json <c>extensions.blobs</c>).</summary>
public sealed record BlobTriggerOptions
{
    /// <summary>How often containers are listed for blobs the app did not write itself (host.json <c>pollingInterval</c>).</summary>
    public TimeSpan PollingInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per blob version before it is recorded as poison (host.json <c>maxDequeueCount</c>).</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>Delay before the second attempt; doubles with each further attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest delay between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a claim lasts without renewal; a crashed host's blob is taken over after this.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Blobs processed at once by this host.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Blobs asked for per listing request.</summary>
    public int PageSize { get; init; } = 1000;

    internal TimeSpan DelayAfter(int attempt) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, RetryDelay.Ticks * (1L << Math.Min(attempt - 1, 20))));
}
