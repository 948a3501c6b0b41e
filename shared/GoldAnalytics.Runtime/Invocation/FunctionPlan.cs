using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using GoldAnalytics.Runtime.Catalogue;
using Microsoft.Extensions.DependencyInjection;

namespace GoldAnalytics.Runtime.Invocation;

/// <summary>Everything reflection decides about a function, worked out once: binders, instance factory, how to await.</summary>
internal sealed class FunctionPlan
{
    private const int InlineArguments = 4;

    private static readonly MethodInfo AwaitTaskOfT = typeof(FunctionPlan).GetMethod(nameof(AwaitTypedTask), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo AwaitValueTaskOfT = typeof(FunctionPlan).GetMethod(nameof(AwaitTypedValueTask), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo CompletedTaskOfT = typeof(FunctionPlan).GetMethod(nameof(CompletedTypedTask), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo CompletedValueTaskOfT = typeof(FunctionPlan).GetMethod(nameof(CompletedTypedValueTask), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly MethodInvoker _invoker;
    private readonly ParameterBinder[] _binders;
    private readonly ObjectFactory? _factory;
    private readonly Func<object?, Task<object?>> _await;
    private readonly CompletedResult _completed;

    private FunctionPlan(FunctionDescriptor function, JsonSerializerOptions json)
    {
        var method = function.Method;
        _invoker = MethodInvoker.Create(method);
        _binders = [.. method.GetParameters().Select(p => ParameterBinders.For(p, function, json))];
        _factory = method.IsStatic ? null : ActivatorUtilities.CreateFactory(method.DeclaringType!, Type.EmptyTypes);
        (_await, _completed) = AwaiterFor(method.ReturnType);
        var types = method.GetParameters().Select(p => p.ParameterType).ToList();
        ObservesCancellation = types.Contains(typeof(CancellationToken)) || types.Contains(typeof(FunctionContext));
        NeedsServices = !method.IsStatic || types.Contains(typeof(FunctionContext)) || method.GetParameters().Any(ParameterBinders.IsServiceBound);
        HasFunctionTimeout = function.Trigger.HasFunctionTimeout;
    }

    /// <summary>True with the result when a call has already finished; false when what it returned must be awaited.</summary>
    private delegate bool CompletedResult(object? returned, out object? result);

    /// <summary>The function can see a cancellation token (directly or through its context).</summary>
    public bool ObservesCancellation { get; }

    /// <summary>host.json's <c>functionTimeout</c> applies to its calls.</summary>
    public bool HasFunctionTimeout { get; }

    /// <summary>The function needs a service scope: an instance to create, or a context exposing services.</summary>
    public bool NeedsServices { get; }

    public static FunctionPlan Create(FunctionDescriptor function, JsonSerializerOptions json) => new(function, json);

    /// <summary>
    /// Binds every argument (throwing <see cref="FunctionBindingException"/> naming the first that fails), then
    /// creates the instance from the call's scope (null for a static method) and calls the method; returns what
    /// the method returned, not awaited. The instance is handed out even when the call throws, for disposal.
    /// </summary>
    public object? Call(FunctionInvocation invocation, FunctionContext context, out object? instance)
    {
        instance = null;
        // Up to four arguments live on the stack: most calls allocate no argument array.
        var inline = default(Arguments);
        var arguments = _binders.Length <= InlineArguments ? ((Span<object?>)inline)[.._binders.Length] : new object?[_binders.Length];
        for (var i = 0; i < _binders.Length; i++)
        {
            arguments[i] = _binders[i](invocation, context);
        }

        instance = _factory?.Invoke(context.InstanceServices, null);
        return _invoker.Invoke(instance, arguments);
    }

    /// <summary>True with the result when the call has already finished (a synchronous method or a completed task).</summary>
    public bool TryGetResult(object? returned, out object? result) => _completed(returned, out result);

    /// <summary>Awaits what the method returned.</summary>
    public Task<object?> AwaitAsync(object? returned) => _await(returned);

    private static (Func<object?, Task<object?>> Await, CompletedResult Completed) AwaiterFor(Type returnType)
    {
        if (returnType == typeof(void))
        {
            return (_ => Task.FromResult<object?>(null), Nothing);
        }

        if (returnType == typeof(Task))
        {
            return (async task => { await ((Task)task!); return null; }, CompletedTask);
        }

        if (returnType == typeof(ValueTask))
        {
            return (async task => { await ((ValueTask)task!); return null; }, CompletedValueTask);
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return (AwaitTaskOfT.MakeGenericMethod(returnType.GetGenericArguments()).CreateDelegate<Func<object?, Task<object?>>>(),
                CompletedTaskOfT.MakeGenericMethod(returnType.GetGenericArguments()).CreateDelegate<CompletedResult>());
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            return (AwaitValueTaskOfT.MakeGenericMethod(returnType.GetGenericArguments()).CreateDelegate<Func<object?, Task<object?>>>(),
                CompletedValueTaskOfT.MakeGenericMethod(returnType.GetGenericArguments()).CreateDelegate<CompletedResult>());
        }

        return (Task.FromResult, Value);
    }

    private static bool Nothing(object? returned, out object? result)
    {
        result = null;
        return true;
    }

    private static bool Value(object? returned, out object? result)
    {
        result = returned;
        return true;
    }

    private static bool CompletedTask(object? returned, out object? result)
    {
        result = null;
        return returned is Task { IsCompletedSuccessfully: true };
    }

    private static bool CompletedValueTask(object? returned, out object? result)
    {
        result = null;
        if (returned is not ValueTask { IsCompletedSuccessfully: true } task)
        {
            return false;
        }

        // Completing a value task consumes it, as awaiting would.
        task.GetAwaiter().GetResult();
        return true;
    }

    private static bool CompletedTypedTask<T>(object? returned, out object? result)
    {
        var completed = returned is Task<T> { IsCompletedSuccessfully: true };
        result = completed ? ((Task<T>)returned!).Result : null;
        return completed;
    }

    private static bool CompletedTypedValueTask<T>(object? returned, out object? result)
    {
        var completed = returned is ValueTask<T> { IsCompletedSuccessfully: true };
        result = completed ? ((ValueTask<T>)returned!).Result : null;
        return completed;
    }

    private static async Task<object?> AwaitTypedTask<T>(object? task) => await ((Task<T>)task!);

    private static async Task<object?> AwaitTypedValueTask<T>(object? task) => await ((ValueTask<T>)task!);

    [InlineArray(InlineArguments)]
    private struct Arguments
    {
        private object? _first;
    }
}
