using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using GoldAnalytics.Runtime.Catalogue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Runtime.Invocation;

/// <summary>How the invoker runs functions: the time limit and the JSON rules for bound values.</summary>
public sealed record InvocationOptions(TimeSpan? FunctionTimeout, JsonSerializerOptions Json);

/// <summary>
/// The one invoker: runs any function of the catalogue whatever the trigger source. It creates the
/// declaring type through DI (or calls the static method), binds the parameters, awaits the result,
/// enforces <c>functionTimeout</c> and logs start, end and duration with the invocation id.
/// </summary>
public sealed partial class FunctionInvoker(
    FunctionCatalogue catalogue,
    IServiceScopeFactory scopes,
    ILoggerFactory loggers,
    InvocationOptions options) : IFunctionDispatcher
{
    private readonly ConcurrentDictionary<string, (string Name, FunctionPlan Plan, ILogger Logger)> _plans = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public async Task<object?> DispatchAsync(FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        var (name, plan, logger) = PlanFor(invocation.FunctionName);
        // Asked once per call: a logger's IsEnabled is not free, and unlogged calls read no clock.
        var logged = logger.IsEnabled(LogLevel.Information);
        // Nobody sees the id of a call that is not logged and has no context: don't make one up.
        var invocationId = invocation.InvocationId ?? (plan.NeedsServices || logged ? Guid.NewGuid().ToString() : "");

        // A timer and a scope per call cost on the hot path: only functions that can see them get them.
        using var limit = plan.ObservesCancellation ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : null;
        if (limit is not null && TimeoutOf(plan) is { } timeout)
        {
            limit.CancelAfter(timeout);
        }

        AsyncServiceScope? scope = plan.NeedsServices ? scopes.CreateAsyncScope() : null;
        var context = new FunctionContext
        {
            InvocationId = invocationId,
            FunctionName = name,
            Logger = logger,
            CancellationToken = limit?.Token ?? cancellationToken,
            InstanceServices = scope?.ServiceProvider ?? EmptyServices.Instance,
            BindingData = invocation.BindingData,
        };

        var started = logged ? Stopwatch.GetTimestamp() : 0;
        if (logged)
        {
            LogExecuting(logger, name, invocationId);
        }

        try
        {
            var result = await RunAsync(plan, invocation, context, limit, cancellationToken);
            LogOutcome(logged, logger, name, "Succeeded", invocationId, started);
            return result;
        }
        catch (FunctionTimeoutException)
        {
            LogOutcome(logged, logger, name, "TimedOut", invocationId, started);
            throw;
        }
        catch (Exception)
        {
            LogOutcome(logged, logger, name, "Failed", invocationId, started);
            throw;
        }
        finally
        {
            if (scope is { } owned)
            {
                await owned.DisposeAsync();
            }
        }
    }

    private static void LogOutcome(bool logged, ILogger logger, string name, string outcome, string invocationId, long started)
    {
        if (logged)
        {
            LogExecuted(logger, name, outcome, invocationId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private TimeSpan? TimeoutOf(FunctionPlan plan) => plan.HasFunctionTimeout ? options.FunctionTimeout : null;

    private (string Name, FunctionPlan Plan, ILogger Logger) PlanFor(string functionName)
    {
        if (_plans.TryGetValue(functionName, out var known))
        {
            return known;
        }

        var function = catalogue.Find(functionName) ?? throw new FunctionNotFoundException(functionName);
        return _plans.GetOrAdd(function.Name, _ => (function.Name, FunctionPlan.Create(function, options.Json), loggers.CreateLogger($"Function.{function.Name}")));
    }

    // A value task: a function that finished at once (most HTTP functions) costs no task here.
    private async ValueTask<object?> RunAsync(FunctionPlan plan, FunctionInvocation invocation, FunctionContext context, CancellationTokenSource? limit, CancellationToken caller)
    {
        object? instance = null;
        try
        {
            var returned = plan.Call(invocation, context, out instance);
            if (plan.TryGetResult(returned, out var result))
            {
                return result;
            }

            var running = plan.AwaitAsync(returned);
            var timeout = TimeoutOf(plan);
            try
            {
                // A function that ignores its token still gives the caller its answer on time.
                return running.IsCompleted || timeout is null ? await running : await running.WaitAsync(timeout.Value, caller);
            }
            catch (TimeoutException) when (timeout is { } reached && !running.IsCompleted)
            {
                await (limit?.CancelAsync() ?? Task.CompletedTask);
                throw new FunctionTimeoutException(context.FunctionName, reached);
            }
            // Cancelled by its own limit, also when that came before it was awaited (a busy machine): a timeout, not the caller's cancellation.
            catch (OperationCanceledException) when (timeout is { } reached && limit is { IsCancellationRequested: true } && !caller.IsCancellationRequested)
            {
                throw new FunctionTimeoutException(context.FunctionName, reached);
            }
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static EmptyServices Instance { get; } = new();

        public object? GetService(Type serviceType) => null;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Executing 'Functions.{FunctionName}' (Id={InvocationId})")]
    private static partial void LogExecuting(ILogger logger, string functionName, string invocationId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Executed 'Functions.{FunctionName}' ({Outcome}, Id={InvocationId}, Duration={DurationMs:0.###}ms)")]
    private static partial void LogExecuted(ILogger logger, string functionName, string outcome, string invocationId, double durationMs);
}
