using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Durable.Store;
using GoldAnalytics.Runtime.Postgres;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GoldAnalytics.Runtime.Durable.Worker;

/// <summary>
/// The durable engine of one host: orchestration step loops, the activity runner, the LISTEN/NOTIFY wake-ups
/// and the automatic purge. Any number of hosts can run it against the same database.
/// </summary>
public sealed class DurableWorker : BackgroundService
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly DurableTaskOptions _options;
    private readonly ILogger _logger;
    private readonly OrchestrationProcessor _orchestrations;
    private readonly ActivityProcessor _activities;
    private readonly AsyncSignal _orchestrationWork = new();
    private readonly AsyncSignal _activityWork = new();
    private readonly PoisonGuard _poison;

    /// <summary>Creates the worker over the store, the app's durable functions and the dispatcher that invokes them.</summary>
    public DurableWorker(DurableStore store, DurableRegistry registry, IFunctionDispatcher dispatcher, IOptions<DurableTaskOptions> options, ILoggerFactory loggers)
    {
        _dataSource = store.DataSource;
        _options = options.Value;
        _logger = loggers.CreateLogger<DurableWorker>();
        var cache = new SessionCache(_options.ExtendedSessionsEnabled ? _options.ExtendedSessionCacheSize : 0);
        _orchestrations = new OrchestrationProcessor(_dataSource, registry, dispatcher, cache, loggers);
        _poison = new PoisonGuard(_dataSource, _logger);
        _activities = new ActivityProcessor(new ActivityQueue(_dataSource, _options.HostName, _options.ActivityLease), registry, dispatcher, _options, _activityWork, _logger);
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = new NotificationListener(_dataSource, [Channels.Orchestrations, Channels.Activities], Notified, WakeAll, _logger);
        var loops = Math.Max(1, _options.OrchestrationLoops);
        var batchSize = Math.Max(1, _options.MaxConcurrentOrchestratorFunctions / loops);
        _logger.LogInformation("Durable worker {Host} started: {Loops} orchestration loop(s) of {Batch}, {Activities} activity slots",
            _options.HostName, loops, batchSize, _options.MaxConcurrentActivityFunctions);
        return Task.WhenAll([
            Task.Run(() => listener.RunAsync(stoppingToken), CancellationToken.None),
            .. Enumerable.Range(0, loops).Select(_ => Task.Run(() => OrchestrationLoopAsync(batchSize, stoppingToken), CancellationToken.None)),
            Task.Run(() => _activities.RunAsync(stoppingToken), CancellationToken.None),
            Task.Run(() => PurgeLoopAsync(stoppingToken), CancellationToken.None),
        ]);
    }

    private void Notified(string channel, string payload)
    {
        if (channel == Channels.Activities)
        {
            _activityWork.Set();
        }
        else
        {
            _orchestrationWork.Set();
        }
    }

    private void WakeAll()
    {
        _orchestrationWork.Set();
        _activityWork.Set();
    }

    private async Task OrchestrationLoopAsync(int batchSize, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (await _orchestrations.ProcessBatchAsync(_poison.BatchSize(batchSize), stopping) > 0)
                {
                    continue;
                }

                await _orchestrationWork.WaitAsync(await IdleWaitAsync(stopping), stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop outlives database outages and lost locks: the batch rolled back, so nothing is half done.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _logger.LogWarning(e, "Orchestration batch failed and was rolled back; retrying");
                await Delay(TimeSpan.FromMilliseconds(200), stopping);
                await Ignore(() => _poison.OnFailureAsync(e, stopping));
            }
        }
    }

    /// <summary>How long to sleep: until the next timer is due, at most the polling interval.</summary>
    private async Task<TimeSpan> IdleWaitAsync(CancellationToken stopping)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT extract(epoch FROM min(visible_at) - now()) FROM durable.messages WHERE visible_at > now()");
        var seconds = await command.ExecuteScalarAsync(stopping);
        if (seconds is decimal or double)
        {
            var untilDue = TimeSpan.FromSeconds(Convert.ToDouble(seconds, System.Globalization.CultureInfo.InvariantCulture)) + TimeSpan.FromMilliseconds(5);
            return untilDue < _options.MaxPollingInterval ? untilDue : _options.MaxPollingInterval;
        }

        return _options.MaxPollingInterval;
    }

    private async Task PurgeLoopAsync(CancellationToken stopping)
    {
        if (_options.CompletedInstanceRetention <= TimeSpan.Zero)
        {
            return;
        }

        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var purged = await Purger.PurgeExpiredAsync(_dataSource, _options.CompletedInstanceRetention, stopping);
                if (purged > 0)
                {
                    _logger.LogInformation("Purged {Count} instances finished more than {Retention} ago", purged, _options.CompletedInstanceRetention);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The next round retries.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _logger.LogWarning(e, "Automatic purge failed");
            }

            await Delay(_options.PurgeInterval, stopping);
        }
    }

    private async Task Ignore(Func<Task> action)
    {
        try
        {
            await action();
        }
#pragma warning disable CA1031 // Best effort: the next failure tries again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.LogWarning(e, "Handling a failed batch failed");
        }
    }

    private static async Task Delay(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, stopping);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
