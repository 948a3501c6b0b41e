using System.Reflection;
using System.Text.Json;
using GoldAnalytics.Runtime.Catalogue;
using Microsoft.Extensions.DependencyInjection;

namespace GoldAnalytics.Runtime.Invocation;

/// <summary>Everything reflection decides about a function, worked out once: binders, instance factory, how to await.</summary>
internal sealed class FunctionPlan
{
    private static readonly MethodInfo AwaitTaskOfT = typeof(FunctionPlan).GetMethod(nameof(AwaitTypedTask), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo AwaitValueTaskOfT = typeof(FunctionPlan).GetMethod(nameof(AwaitTypedValueTask), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly MethodInfo _method;
    private readonly ParameterBinder[] _binders;
    private readonly ObjectFactory? _factory;
    private readonly Func<object?, Task<object?>> _await;

    private FunctionPlan(FunctionDescriptor function, JsonSerializerOptions json)
    {
        _method = function.Method;
        _binders = [.. _method.GetParameters().Select(p => ParameterBinders.For(p, function, json))];
        _factory = _method.IsStatic ? null : ActivatorUtilities.CreateFactory(_method.DeclaringType!, Type.EmptyTypes);
        _await = AwaiterFor(_method.ReturnType);
        var types = _method.GetParameters().Select(p => p.ParameterType).ToList();
        ObservesCancellation = types.Contains(typeof(CancellationToken)) || types.Contains(typeof(FunctionContext));
        NeedsServices = !_method.IsStatic || types.Contains(typeof(FunctionContext)) || _method.GetParameters().Any(ParameterBinders.IsServiceBound);
        HasFunctionTimeout = function.Trigger.HasFunctionTimeout;
    }

    /// <summary>The function can see a cancellation token (directly or through its context).</summary>
    public bool ObservesCancellation { get; }

    /// <summary>host.json's <c>functionTimeout</c> applies to its calls.</summary>
    public bool HasFunctionTimeout { get; }

    /// <summary>The function needs a service scope: an instance to create, or a context exposing services.</summary>
    public bool NeedsServices { get; }

    public static FunctionPlan Create(FunctionDescriptor function, JsonSerializerOptions json) => new(function, json);

    /// <summary>Binds every argument; throws <see cref="FunctionBindingException"/> naming the first that fails.</summary>
    public object?[] Bind(FunctionInvocation invocation, FunctionContext context)
    {
        var arguments = new object?[_binders.Length];
        for (var i = 0; i < _binders.Length; i++)
        {
            arguments[i] = _binders[i](invocation, context);
        }

        return arguments;
    }

    /// <summary>A new instance of the declaring type from the call's scope, or null for a static method.</summary>
    public object? CreateInstance(IServiceProvider services) => _factory?.Invoke(services, null);

    /// <summary>Calls the method and awaits whatever it returned.</summary>
    public Task<object?> InvokeAsync(object? instance, object?[] arguments) =>
        _await(_method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null));

    private static Func<object?, Task<object?>> AwaiterFor(Type returnType)
    {
        if (returnType == typeof(void))
        {
            return _ => Task.FromResult<object?>(null);
        }

        if (returnType == typeof(Task))
        {
            return async task => { await ((Task)task!); return null; };
        }

        if (returnType == typeof(ValueTask))
        {
            return async task => { await ((ValueTask)task!); return null; };
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return AwaitTaskOfT.MakeGenericMethod(returnType.GetGenericArguments()).CreateDelegate<Func<object?, Task<object?>>>();
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            return AwaitValueTaskOfT.MakeGenericMethod(returnType.GetGenericArguments()).CreateDelegate<Func<object?, Task<object?>>>();
        }

        return Task.FromResult;
    }

    private static async Task<object?> AwaitTypedTask<T>(object? task) => await ((Task<T>)task!);

    private static async Task<object?> AwaitTypedValueTask<T>(object? task) => await ((ValueTask<T>)task!);
}
