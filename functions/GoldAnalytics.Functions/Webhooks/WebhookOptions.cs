namespace GoldAnalytics.Functions.Webhooks;

/// <summary>How webhooks are posted and retried (configuration section <c>GA_WEBHOOKS</c>).</summary>
public sealed record WebhookOptions
{
    /// <summary>The setting holding the base64 of the 32-byte key that seals signing secrets at rest.</summary>
    public const string SecretKeySetting = "GA_WEBHOOK_SECRET_KEY";

    /// <summary>How long a receiver has to answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after a first failed attempt; it doubles with every further attempt.</summary>
    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetry { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Attempts before a delivery is dead (8: about 40 minutes of retrying with the defaults).</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>Consecutive failed attempts (across deliveries) after which a subscription is disabled.</summary>
    public int DisableAfterFailures { get; init; } = 20;

    /// <summary>Longest wait for a notification before looking for due deliveries anyway (retries become due without one).</summary>
    public TimeSpan PollingInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Deliveries of one subscription claimed at once; posted one after the other, in order.</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>
    /// Subscriptions a host posts to at the same time, each with its own worker (one post at a time per
    /// subscription); failing subscriptions get at most half of them, so receivers that hang cannot take all.
    /// </summary>
    public int Parallelism { get; init; } = 64;

    /// <summary>
    /// Addresses webhooks may reach beyond public ones: IP addresses, CIDR ranges or host names, separated
    /// by commas (e.g. <c>127.0.0.1</c> for a receiver on the same machine); empty by default.
    /// </summary>
    public string? AllowedAddresses { get; init; }

    /// <summary>The wait before the given attempt's retry: <see cref="FirstRetry"/> × 2^(attempt − 1), at most <see cref="MaxRetry"/>.</summary>
    public TimeSpan Backoff(int attempts) =>
        TimeSpan.FromTicks((long)Math.Min(MaxRetry.Ticks, FirstRetry.Ticks * Math.Pow(2, Math.Clamp(attempts, 1, 30) - 1)));

    /// <summary>A claim's lease: long enough to post the whole batch even when every receiver times out.</summary>
    public TimeSpan Lease => Timeout * BatchSize + TimeSpan.FromSeconds(30);

    /// <summary>Workers that failing subscriptions may hold at once.</summary>
    public int FailingParallelism => Math.Max(1, Parallelism / 2);
}
