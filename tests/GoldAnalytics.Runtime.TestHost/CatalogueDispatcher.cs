using System.Reflection;
using GoldAnalytics.Runtime.Catalogue;

namespace GoldAnalytics.Runtime.TestHost;

/// <summary>
/// A test stand-in for the function invoker: calls a function's method by name, binding the trigger value to
/// the trigger parameter, a <see cref="CancellationToken"/> to the cancellation, and other parameters from the
/// binding data by name.
/// </summary>
public sealed class CatalogueDispatcher(IEnumerable<FunctionDescriptor> functions, Func<Type, object> instances) : IFunctionDispatcher
{
    private readonly Dictionary<string, FunctionDescriptor> _functions = functions.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public async Task<object?> DispatchAsync(FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        var function = _functions[invocation.FunctionName];
        var arguments = function.Method.GetParameters().Select(p => Bind(p, function, invocation, cancellationToken)).ToArray();
        var target = function.Method.IsStatic ? null : instances(function.Method.DeclaringType!);
        object? result;
        try
        {
            result = function.Method.Invoke(target, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }

        if (result is Task task)
        {
            await task;
            return task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
        }

        return result;
    }

    private static object? Bind(ParameterInfo parameter, FunctionDescriptor function, FunctionInvocation invocation, CancellationToken cancellationToken) =>
        parameter == function.TriggerParameter ? invocation.TriggerValue
        : parameter.ParameterType == typeof(CancellationToken) ? cancellationToken
        : invocation.BindingData.GetValueOrDefault(parameter.Name!);
}
