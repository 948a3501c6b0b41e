using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Runtime.Events;

/// <summary>Something the runtime noticed that an operator should hear of (alerts subscribe to these).</summary>
public abstract record RuntimeEvent(string Kind, DateTimeOffset At);

/// <summary>A blob version failed every attempt and was set aside as poison; it will not be retried.</summary>
public sealed record BlobPoisoned(string FunctionName, string Container, string BlobName, string ETag, int Attempts, string Error, DateTimeOffset At)
    : RuntimeEvent("blob.poisoned", At);

/// <summary>Raises runtime events.</summary>
public interface IRuntimeEvents
{
    /// <summary>Logs the event and hands it to every <see cref="IRuntimeEventHandler"/>.</summary>
    Task RaiseAsync(RuntimeEvent runtimeEvent, CancellationToken cancellationToken = default);
}

/// <summary>Hears runtime events; register as many as needed (alerts, the live dashboard, tests).</summary>
public interface IRuntimeEventHandler
{
    /// <summary>Handles one event; an exception is logged and does not reach the runtime.</summary>
    Task HandleAsync(RuntimeEvent runtimeEvent, CancellationToken cancellationToken);
}

/// <summary>Logs each event and passes it to the registered handlers.</summary>
public sealed class RuntimeEvents(IEnumerable<IRuntimeEventHandler> handlers, ILogger<RuntimeEvents> logger) : IRuntimeEvents
{
    /// <inheritdoc />
    public async Task RaiseAsync(RuntimeEvent runtimeEvent, CancellationToken cancellationToken = default)
    {
        logger.LogWarning("Runtime event {Kind}: {Event}", runtimeEvent.Kind, runtimeEvent);
        foreach (var handler in handlers)
        {
            try
            {
                await handler.HandleAsync(runtimeEvent, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Handler {Handler} failed on runtime event {Kind}", handler.GetType().Name, runtimeEvent.Kind);
            }
        }
    }
}
