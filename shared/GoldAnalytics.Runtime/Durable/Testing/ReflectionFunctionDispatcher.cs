using System.Reflection;
using System.Runtime.ExceptionServices;
using GoldAnalytics.Runtime.Catalogue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Runtime.Durable.Testing;

/// <summary>
/// A minimal invoker for tests, benchmarks and the in-memory harness: binds the trigger value, a
/// <see cref="CancellationToken"/>, <c>[DurableClient]</c> (from the services), loggers and other services, and
/// calls the method. It calls the method synchronously and awaits without leaving the caller's scheduler,
/// which is what an orchestrator's replay requires of any invoker.
/// </summary>
public sealed class ReflectionFunctionDispatcher(FunctionCatalogue catalogue, IServiceProvider services) : IFunctionDispatcher
{
    /// <inheritdoc />
    public async Task<object?> DispatchAsync(FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        var function = catalogue.Find(invocation.FunctionName)
            ?? throw new InvalidOperationException($"No function named '{invocation.FunctionName}'.");
        var arguments = function.Method.GetParameters().Select(p => Bind(p, function, invocation, cancellationToken)).ToArray();
        var target = function.Method.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(services, function.Method.DeclaringType!);
        object? returned;
        try
        {
            returned = function.Method.Invoke(target, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }

        var returnType = function.Method.ReturnType;
        switch (returned)
        {
            case Task task:
                await task;
                return returnType.IsGenericType ? returnType.GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
            case ValueTask valueTask:
                await valueTask;
                return null;
            default:
                return returnType == typeof(void) ? null : returned;
        }
    }

    private object? Bind(ParameterInfo parameter, FunctionDescriptor function, FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        if (parameter == function.TriggerParameter)
        {
            return invocation.TriggerValue;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return cancellationToken;
        }

        if (parameter.GetCustomAttribute<DurableClientAttribute>() is not null)
        {
            return services.GetRequiredService<DurableTaskClient>();
        }

        if (parameter.ParameterType == typeof(ILogger))
        {
            return services.GetRequiredService<ILoggerFactory>().CreateLogger(function.Name);
        }

        if (parameter.Name is { } name && invocation.BindingData.TryGetValue(name, out var value))
        {
            return value;
        }

        return services.GetService(parameter.ParameterType)
            ?? throw new InvalidOperationException($"Cannot bind parameter '{parameter.Name}' of function '{function.Name}'.");
    }
}
