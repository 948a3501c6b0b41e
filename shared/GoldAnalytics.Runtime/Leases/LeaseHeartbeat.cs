using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Runtime.Leases;

/// <summary>
/// Keeps a lease in PostgreSQL alive while its work runs, so a long run is never mistaken for a crashed one;
/// if the host dies the renewals stop and the lease expires for another host to take over.
/// </summary>
internal sealed class LeaseHeartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private LeaseHeartbeat(Func<CancellationToken, Task<bool>> renew, TimeSpan every, ILogger logger, string what) =>
        _loop = RunAsync(renew, every, logger, what, _stop.Token);

    /// <summary>Renews every <paramref name="every"/> until disposed; <paramref name="renew"/> returns false once the lease is no longer ours.</summary>
    public static LeaseHeartbeat Start(Func<CancellationToken, Task<bool>> renew, TimeSpan every, ILogger logger, string what) =>
        new(renew, every, logger, what);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static async Task RunAsync(Func<CancellationToken, Task<bool>> renew, TimeSpan every, ILogger logger, string what, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, stop);
                if (!await renew(stop))
                {
                    logger.LogWarning("Lease on {What} was lost; another host may take it over", what);
                    return;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // The next renewal may succeed; the lease is long enough to miss a few.
                logger.LogWarning(e, "Could not renew the lease on {What}", what);
            }
        }
    }
}
