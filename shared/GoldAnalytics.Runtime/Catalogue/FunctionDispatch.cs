namespace GoldAnalytics.Runtime.Catalogue;

/// <summary>
/// One call of a function from any trigger source (HTTP, timer, blob, orchestration, activity):
/// the value bound to its trigger parameter and named values its other parameters may bind from.
/// </summary>
public sealed record FunctionInvocation(
    string FunctionName,
    object? TriggerValue,
    IReadOnlyDictionary<string, object?> BindingData)
{
    /// <summary>Identifies this call in logs; the dispatcher makes one up when the source does not.</summary>
    public string? InvocationId { get; init; }

    /// <summary>An invocation with a trigger value and nothing else to bind.</summary>
    public static FunctionInvocation Of(string functionName, object? triggerValue) =>
        new(functionName, triggerValue, new Dictionary<string, object?>());
}

/// <summary>Runs any function of the catalogue; every trigger source goes through it.</summary>
public interface IFunctionDispatcher
{
    /// <summary>Invokes the function and returns what it returned (awaited if it returned a task), or null for void.</summary>
    Task<object?> DispatchAsync(FunctionInvocation invocation, CancellationToken cancellationToken);
}
