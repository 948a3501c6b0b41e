namespace GoldAnalytics.Runtime.Backoff;

/// <summary>Waits that end quietly when the host stops, and the growing pause after repeated failures.</summary>
internal static class Pause
{
    /// <summary>Waits; returns early (without throwing) when <paramref name="stop"/> fires.</summary>
    public static async Task ForAsync(TimeSpan delay, TimeProvider clock, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, clock, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>500 ms after the first failure, doubling up to <paramref name="longest"/>.</summary>
    public static TimeSpan AfterFailures(int failures, TimeSpan longest) =>
        TimeSpan.FromMilliseconds(Math.Min(longest.TotalMilliseconds, 500 * Math.Pow(2, Math.Min(failures, 20))));
}
