using System.Collections.Concurrent;
using GoldAnalytics.Adapters.BlobStorage;
using GoldAnalytics.Runtime.Backoff;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GoldAnalytics.Runtime.Blobs;

/// <summary>
/// The hosted service behind every blob function of the host: polls the watched containers, reacts at once to
/// blobs written through the app (in this process or, via NOTIFY, in another), and runs each blob version once
/// cluster-wide through receipts in PostgreSQL.
/// </summary>
public sealed class BlobTriggerListener : BackgroundService
{
    private readonly NpgsqlDataSource _database;
    private readonly IReadOnlyList<WatchedFunction> _functions;
    private readonly BlobWriteSignal _signal;
    private readonly BlobWriteNotifications _notifications;
    private readonly BlobVersionRunner _runner;
    private readonly BlobReceipts _receipts;
    private readonly IBlobStorage _storage;
    private readonly BlobTriggerOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    /// <summary>Checks every path and trigger parameter now, so a bad one stops start-up naming its function.</summary>
    public BlobTriggerListener(
        IEnumerable<FunctionDescriptor> functions,
        IFunctionDispatcher dispatcher,
        IBlobStorage storage,
        BlobWriteSignal signal,
        IRuntimeEvents events,
        string connectionString,
        BlobTriggerOptions options,
        ILogger<BlobTriggerListener> logger,
        TimeProvider? clock = null)
    {
        _database = NpgsqlDataSource.Create(connectionString);
        _functions = [.. functions.Select(Watch)];
        _signal = signal;
        _storage = storage;
        _options = options;
        _clock = clock ?? TimeProvider.System;
        _logger = logger;
        _notifications = new BlobWriteNotifications(_database, signal, logger);
        _receipts = new BlobReceipts(_database, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");
        _runner = new BlobVersionRunner(_receipts, storage, dispatcher, events, options, _clock, logger);
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A host without blob functions still tells the others about the blobs it writes.
        var broadcast = Task.Run(() => _notifications.BroadcastAsync(stoppingToken), CancellationToken.None);
        return _functions.Count == 0
            ? broadcast
            : Task.WhenAll(
                broadcast,
                Task.Run(() => PollAsync(stoppingToken), CancellationToken.None),
                Task.Run(() => ReactAsync(stoppingToken), CancellationToken.None),
                Task.Run(() => _notifications.ListenAsync(stoppingToken), CancellationToken.None));
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        base.Dispose();
        _database.Dispose();
    }

    private static WatchedFunction Watch(FunctionDescriptor function)
    {
        var trigger = function.Trigger as BlobTriggerAttribute
                      ?? throw new ArgumentException($"Function '{function.Name}' has no blob trigger.", nameof(function));
        BlobPathPattern pattern;
        try
        {
            pattern = BlobPathPattern.Parse(trigger.Path);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"Blob function '{function.Name}': {e.Message}", e);
        }

        return new WatchedFunction(new BlobTriggerBinding(function, pattern));
    }

    private async Task PollAsync(CancellationToken stop)
    {
        for (var failures = 0; !stop.IsCancellationRequested;)
        {
            var wait = _options.PollingInterval;
            try
            {
                foreach (var function in _functions)
                {
                    await ScanAsync(function, stop);
                    await RetryDueAsync(function, stop);
                    if (await _receipts.NextRetryInAsync(function.Name, stop) is { } retryIn && retryIn < wait)
                    {
                        wait = retryIn;
                    }
                }

                failures = 0;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Storage or database is down (or a scan hit a bug): nothing is lost, the next scan sees every blob again.
                failures++;
                wait = Pause.AfterFailures(failures, TimeSpan.FromTicks(Math.Max(_options.PollingInterval.Ticks, TimeSpan.FromSeconds(30).Ticks)));
                _logger.Log(BlobVersionRunner.IsOutage(e) ? LogLevel.Warning : LogLevel.Error, e,
                    "Blob trigger scan failed ({Failures} in a row); scanning again in {Wait}", failures, wait);
            }

            await Pause.ForAsync(wait, _clock, stop);
        }
    }

    private async Task ScanAsync(WatchedFunction function, CancellationToken stop)
    {
        var pattern = function.Binding.Pattern;
        var listed = new HashSet<string>(StringComparer.Ordinal);
        string? marker = null;
        do
        {
            BlobPage page;
            try
            {
                page = await _storage.ListAsync(pattern.Container, pattern.Prefix, marker, _options.PageSize, stop);
            }
            catch (BlobStorageException e) when (e.ErrorCode == "ContainerNotFound")
            {
                return;
            }

            listed.UnionWith(page.Items.Select(b => b.Name));
            var unseen = page.Items.Where(b => !function.IsKnown(b) && pattern.Match(b.Container, b.Name) is not null).ToList();
            if (unseen.Count > 0)
            {
                var finished = await _receipts.FinishedAsync(function.Name, pattern.Container, [.. unseen.Select(b => b.Name)], stop);
                var fresh = new List<BlobItem>();
                foreach (var blob in unseen)
                {
                    if (finished[blob.Name].Contains(blob.ETag))
                    {
                        function.Remember(blob);
                    }
                    else
                    {
                        fresh.Add(blob);
                    }
                }

                await RunAllAsync(function, fresh, stop);
            }

            marker = page.NextMarker;
        }
        while (marker is not null);

        // Deleted blobs leave the memory too, so it stays the size of the container.
        function.ForgetAllBut(listed);
    }

    private async Task RetryDueAsync(WatchedFunction function, CancellationToken stop)
    {
        var due = await _receipts.DueAsync(function.Name, function.Binding.Pattern.Container, stop);
        var container = function.Binding.Pattern.Container;
        await RunAllAsync(function, [.. due.Select(d => new BlobItem(container, d.BlobName, d.ETag, 0, null, default, new Dictionary<string, string>()))], stop);
    }

    private Task RunAllAsync(WatchedFunction function, IReadOnlyList<BlobItem> blobs, CancellationToken stop) =>
        Parallel.ForEachAsync(blobs, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = stop },
            async (blob, ct) => await _runner.RunAsync(function, blob, ct));

    private async Task ReactAsync(CancellationToken stop)
    {
        try
        {
            await Parallel.ForEachAsync(_signal.Written.ReadAllAsync(stop), new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = stop },
                async (blob, ct) =>
                {
                    foreach (var function in _functions.Where(f => f.Binding.Pattern.Match(blob.Container, blob.Name) is not null))
                    {
                        try
                        {
                            await _runner.RunAsync(function, blob, ct);
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            _logger.LogWarning(e, "Could not run {Function} for {Container}/{Name} now; the next scan will", function.Name, blob.Container, blob.Name);
                        }
                    }
                });
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}

/// <summary>A blob function and the versions this host knows it is finished with (so steady-state scans skip the database).</summary>
internal sealed class WatchedFunction(BlobTriggerBinding binding)
{
    private readonly ConcurrentDictionary<string, string> _finished = new(StringComparer.Ordinal);

    public BlobTriggerBinding Binding { get; } = binding;

    public string Name => Binding.Function.Name;

    public bool IsKnown(BlobItem blob) => _finished.TryGetValue(blob.Name, out var etag) && etag == blob.ETag;

    public void Remember(BlobItem blob) => _finished[blob.Name] = blob.ETag;

    public void ForgetAllBut(IReadOnlySet<string> names)
    {
        foreach (var name in _finished.Keys.Where(n => !names.Contains(n)))
        {
            _finished.TryRemove(name, out _);
        }
    }
}
