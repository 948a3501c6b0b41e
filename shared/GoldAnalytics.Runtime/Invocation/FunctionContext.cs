using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Runtime.Invocation;

/// <summary>What a running function knows about its own call: id, name, logger, cancellation and services.</summary>
public sealed class FunctionContext
{
    /// <summary>Unique id of this call; every log line of the call carries it.</summary>
    public required string InvocationId { get; init; }

    /// <summary>The function's catalogue name.</summary>
    public required string FunctionName { get; init; }

    /// <summary>Logger of the function, category <c>Function.{Name}</c>.</summary>
    public required ILogger Logger { get; init; }

    /// <summary>Cancelled when the caller gives up or the function exceeds <c>functionTimeout</c>.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>The services of this call's own scope.</summary>
    public required IServiceProvider InstanceServices { get; init; }

    /// <summary>The named values the trigger source supplied (route values, blob name, ...).</summary>
    public required IReadOnlyDictionary<string, object?> BindingData { get; init; }
}
