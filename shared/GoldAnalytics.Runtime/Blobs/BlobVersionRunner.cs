using GoldAnalytics.Adapters.BlobStorage;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Events;
using GoldAnalytics.Runtime.Leases;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GoldAnalytics.Runtime.Blobs;

/// <summary>
/// One attempt at one blob version for one function: claim the receipt, read exactly that version, run the
/// function, record the outcome. A failure is retried with a growing delay; after the last attempt the version
/// is poison and an event is raised.
/// </summary>
internal sealed class BlobVersionRunner(
    BlobReceipts receipts,
    IBlobStorage storage,
    IFunctionDispatcher dispatcher,
    IRuntimeEvents events,
    BlobTriggerOptions options,
    TimeProvider clock,
    ILogger logger)
{
    /// <summary>A failure of the services around the function, not of the function: it does not use up an attempt.</summary>
    public static bool IsOutage(Exception e) =>
        e is HttpRequestException or IOException or TimeoutException or NpgsqlException
        || (e is BlobStorageException storage && storage.StatusCode >= 500);

    public async Task RunAsync(WatchedFunction function, BlobItem blob, CancellationToken stop)
    {
        if (function.IsKnown(blob) || await receipts.ClaimAsync(function.Name, blob, options.LeaseDuration, stop) is not { } attempt)
        {
            return;
        }

        if (attempt > options.MaxDequeueCount)
        {
            // Hosts kept stopping or crashing during this blob; the last claim was one attempt too many.
            await PoisonAsync(function, blob, attempt - 1, "Every attempt was interrupted before it finished (host stopped or crashed).", stop);
            return;
        }

        await using var heartbeat = LeaseHeartbeat.Start(
            ct => receipts.RenewAsync(function.Name, blob, options.LeaseDuration, ct), options.LeaseDuration / 3, logger, $"blob {blob.Container}/{blob.Name}");
        BlobTriggerInput? input;
        try
        {
            input = await function.Binding.OpenAsync(storage, blob, stop);
        }
        catch (Exception e) when (IsOutage(e) || e is OperationCanceledException)
        {
            await receipts.FailAsync(function.Name, blob, $"Could not read the blob: {e.Message}", options.RetryDelay, countAttempt: false, CancellationToken.None);
            throw;
        }

        if (input is null)
        {
            // Overwritten or deleted since it was seen; a newer version has its own receipt.
            await receipts.FinishAsync(function.Name, blob, "superseded", CancellationToken.None);
            function.Remember(blob);
            return;
        }

        await using (input)
        {
            await InvokeAsync(function, blob, input, attempt, stop);
        }
    }

    private async Task InvokeAsync(WatchedFunction function, BlobItem blob, BlobTriggerInput input, int attempt, CancellationToken stop)
    {
        try
        {
            await dispatcher.DispatchAsync(function.Binding.Invocation(input), stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await receipts.FailAsync(function.Name, blob, "Interrupted: the host stopped.", TimeSpan.Zero, countAttempt: false, CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            var error = $"{e.GetType().Name}: {e.Message}";
            if (attempt >= options.MaxDequeueCount)
            {
                await PoisonAsync(function, blob, attempt, error, CancellationToken.None);
                return;
            }

            var delay = options.DelayAfter(attempt);
            logger.LogWarning(e, "Blob function {Function} failed on {Container}/{Name} (attempt {Attempt} of {Max}); retrying in {Delay}",
                function.Name, blob.Container, blob.Name, attempt, options.MaxDequeueCount, delay);
            await receipts.FailAsync(function.Name, blob, error, delay, countAttempt: true, CancellationToken.None);
            return;
        }

        // Recorded even while the host stops: the run happened and must not happen again.
        await receipts.FinishAsync(function.Name, blob, "done", CancellationToken.None);
        function.Remember(blob);
    }

    private async Task PoisonAsync(WatchedFunction function, BlobItem blob, int attempts, string error, CancellationToken stop)
    {
        logger.LogError("Blob {Container}/{Name} is poison for {Function} after {Attempts} attempts: {Error}", blob.Container, blob.Name, function.Name, attempts, error);
        await receipts.PoisonAsync(function.Name, blob, attempts, error, stop);
        function.Remember(blob);
        await events.RaiseAsync(new BlobPoisoned(function.Name, blob.Container, blob.Name, blob.ETag, attempts, error, clock.GetUtcNow()), stop);
    }
}
