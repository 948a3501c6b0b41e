using GoldAnalytics.Adapters.BlobStorage;
using GoldAnalytics.Runtime.Blobs;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Events;
using GoldAnalytics.Runtime.TestHost;
using GoldAnalytics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoldAnalytics.Runtime.Tests.Blobs;

/// <summary>Hears runtime events, for assertions.</summary>
public sealed class CapturedEvents : IRuntimeEventHandler
{
    private readonly List<RuntimeEvent> _events = [];

    public IReadOnlyList<RuntimeEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public Task HandleAsync(RuntimeEvent runtimeEvent, CancellationToken cancellationToken)
    {
        lock (_events)
        {
            _events.Add(runtimeEvent);
        }

        return Task.CompletedTask;
    }
}

/// <summary>One in-process "host": a blob client that signals its writes, and a blob trigger listener for the named functions.</summary>
public sealed class BlobTestHost : IAsyncDisposable
{
    private readonly BlobTriggerListener _listener;

    private BlobTestHost(BlobRestClient client, BlobTriggerListener listener)
    {
        Client = client;
        _listener = listener;
    }

    /// <summary>Writes through the app: the listener hears of each write at once.</summary>
    public BlobRestClient Client { get; }

    public static async Task<BlobTestHost> StartAsync(
        string connectionString, Uri endpoint, string host, BlobTriggerOptions options, CapturedEvents? events = null, params string[] functions) =>
        await StartAsync(connectionString, endpoint, host, options, events, NullLogger<BlobTriggerListener>.Instance, functions);

    public static async Task<BlobTestHost> StartAsync(
        string connectionString, Uri endpoint, string host, BlobTriggerOptions options, CapturedEvents? events, ILogger<BlobTriggerListener> logger, params string[] functions)
    {
        var selected = FunctionCatalogue.Discover(typeof(BlobTestFunctions).Assembly)
            .WithTrigger<BlobTriggerAttribute>()
            .Select(f => f.Function)
            .Where(f => functions.Contains(f.Name))
            .ToList();
        var instance = new BlobTestFunctions(new BlobRuns(connectionString, host));
        var signal = new BlobWriteSignal();
        var client = new BlobRestClient(new HttpClient(), Options(endpoint) with { MaxAttempts = 2, FirstRetryDelay = TimeSpan.FromMilliseconds(50) }, signal);
        var listener = new BlobTriggerListener(
            selected,
            new CatalogueDispatcher(selected, _ => instance),
            client,
            signal,
            new RuntimeEvents(events is null ? [] : [events], NullLogger<RuntimeEvents>.Instance),
            connectionString,
            options,
            logger);
        await listener.StartAsync(default);
        return new BlobTestHost(client, listener);
    }

    /// <summary>Client options for the Azurite at <paramref name="endpoint"/>.</summary>
    public static BlobStorageOptions Options(Uri endpoint) => new(endpoint, PrivateAzurite.Account, PrivateAzurite.Key);

    public async ValueTask DisposeAsync()
    {
        await _listener.StopAsync(default);
        _listener.Dispose();
    }
}
