namespace GoldAnalytics.Runtime.Durable;

/// <summary>
/// How a failed activity or sub-orchestration is retried. The waits between attempts are durable timers,
/// so a retry survives a host restart and costs nothing while waiting.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Creates a policy; the delay before attempt n+1 is first × coefficient^(n-1), capped by the max interval.</summary>
    public RetryPolicy(int maxNumberOfAttempts, TimeSpan firstRetryInterval, double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null, TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
    }

    /// <summary>Attempts in all, the first included.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>Wait before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Each wait is the previous one times this.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>No wait is longer than this.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>No retry starts later than this after the first attempt; infinite by default.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Which failures are retried; all by default.</summary>
    public Func<TaskFailureDetails, bool>? HandleFailure { get; init; }

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, attempt - 1);
        return ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
    }

    internal bool Handles(TaskFailureDetails failure) => HandleFailure?.Invoke(failure) ?? true;

    internal bool WithinTimeout(TimeSpan elapsedAtNextAttempt) =>
        RetryTimeout == Timeout.InfiniteTimeSpan || elapsedAtNextAttempt <= RetryTimeout;
}
