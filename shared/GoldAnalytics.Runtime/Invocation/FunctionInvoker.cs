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
    private readonly ConcurrentDictionary<string, (FunctionPlan Plan, ILogger Logger)> _plans = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public async Task<object?> DispatchAsync(FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        var function = catalogue.Find(invocation.FunctionName) ?? throw new FunctionNotFoundException(invocation.FunctionName);
        var (plan, logger) = _plans.GetOrAdd(function.Name, _ =>
            (FunctionPlan.Create(function, options.Json), loggers.CreateLogger($"Function.{function.Name}")));
        var invocationId = invocation.InvocationId ?? Guid.NewGuid().ToString();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.FunctionTimeout is { } timeout)
        {
            limit.CancelAfter(timeout);
        }

        await using var scope = scopes.CreateAsyncScope();
        var context = new FunctionContext
        {
            InvocationId = invocationId,
            FunctionName = function.Name,
            Logger = logger,
            CancellationToken = limit.Token,
            InstanceServices = scope.ServiceProvider,
            BindingData = invocation.BindingData,
        };

        LogExecuting(logger, function.Name, invocationId);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await RunAsync(plan, invocation, context);
            LogExecuted(logger, function.Name, "Succeeded", invocationId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return result;
        }
        catch (Exception e) when (TimedOut(e, limit, cancellationToken))
        {
            LogExecuted(logger, function.Name, "TimedOut", invocationId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw new FunctionTimeoutException(function.Name, options.FunctionTimeout!.Value);
        }
        catch (Exception)
        {
            LogExecuted(logger, function.Name, "Failed", invocationId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    private async Task<object?> RunAsync(FunctionPlan plan, FunctionInvocation invocation, FunctionContext context)
    {
        var arguments = plan.Bind(invocation, context);
        var instance = plan.CreateInstance(context.InstanceServices);
        try
        {
            var running = plan.InvokeAsync(instance, arguments);

            // A function that ignores its token still gives the caller its answer on time.
            return options.FunctionTimeout is null
                ? await running
                : await running.WaitAsync(context.CancellationToken);
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

    private bool TimedOut(Exception e, CancellationTokenSource limit, CancellationToken caller) =>
        options.FunctionTimeout is not null && e is OperationCanceledException && limit.IsCancellationRequested && !caller.IsCancellationRequested;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Executing 'Functions.{FunctionName}' (Id={InvocationId})")]
    private static partial void LogExecuting(ILogger logger, string functionName, string invocationId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Executed 'Functions.{FunctionName}' ({Outcome}, Id={InvocationId}, Duration={DurationMs:0.###}ms)")]
    private static partial void LogExecuted(ILogger logger, string functionName, string outcome, string invocationId, double durationMs);
}
