using System.Collections.Concurrent;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Durable;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Runtime.Tests.Durable;

/// <summary>Orchestrations exercising each context operation.</summary>
public static class ContextOrchestrations
{
    /// <summary>Attempt times per key, so retry tests can see the backoff.</summary>
    public static ConcurrentDictionary<string, ConcurrentQueue<DateTime>> Attempts { get; } = new();

    public record FlakyInput(string Key, int FailuresBeforeSuccess, string ErrorKind = "transient");

    [Function("Flaky")]
    public static string Flaky([ActivityTrigger] FlakyInput input)
    {
        var attempts = Attempts.GetOrAdd(input.Key, _ => new ConcurrentQueue<DateTime>());
        attempts.Enqueue(DateTime.UtcNow);
        if (attempts.Count <= input.FailuresBeforeSuccess)
        {
            throw input.ErrorKind == "permanent"
                ? new ArgumentException($"attempt {attempts.Count} rejected")
                : new TimeoutException($"attempt {attempts.Count} timed out");
        }

        return $"ok after {attempts.Count}";
    }

    public record RetryInput(string Key, int Failures, int MaxAttempts, string ErrorKind = "transient", double RetryTimeoutSeconds = 0);

    [Function("RetriesFlaky")]
    public static Task<string> RetriesFlaky([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<RetryInput>()!;
        var policy = new RetryPolicy(input.MaxAttempts, TimeSpan.FromMilliseconds(200), backoffCoefficient: 2,
            maxRetryInterval: TimeSpan.FromMilliseconds(500),
            retryTimeout: input.RetryTimeoutSeconds > 0 ? TimeSpan.FromSeconds(input.RetryTimeoutSeconds) : null)
        {
            HandleFailure = failure => failure.IsCausedBy<TimeoutException>(),
        };
        return context.CallActivityAsync<string>("Flaky", new FlakyInput(input.Key, input.Failures, input.ErrorKind), TaskOptions.FromRetryPolicy(policy));
    }

    [Function("Sleeper")]
    public static async Task<double> Sleeper([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var start = context.CurrentUtcDateTime;
        await context.CreateTimer(TimeSpan.FromMilliseconds(context.GetInput<int>()), CancellationToken.None);
        return (context.CurrentUtcDateTime - start).TotalMilliseconds;
    }

    [Function("AwaitsApproval")]
    public static async Task<string> AwaitsApproval([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        try
        {
            var approval = await context.WaitForExternalEvent<string>("Approval", TimeSpan.FromMilliseconds(context.GetInput<int>()));
            return $"approved by {approval}";
        }
        catch (TaskCanceledException)
        {
            return "escalated";
        }
    }

    [Function("TimerRacesEvent")]
    public static async Task<string> TimerRacesEvent([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        using var cancel = new CancellationTokenSource();
        var deadline = context.CreateTimer(context.CurrentUtcDateTime.AddMilliseconds(context.GetInput<int>()), cancel.Token);
        var payment = context.WaitForExternalEvent<decimal>("PaymentReceived");
        var winner = await Task.WhenAny(deadline, payment);
        if (winner == payment)
        {
            cancel.Cancel();
            return $"paid {await payment}";
        }

        return "reminder sent";
    }

    [Function("CollectsThreeEvents")]
    public static async Task<string> CollectsThreeEvents([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        // Waits only after an activity, so events raised at start are buffered first.
        await context.CallActivityAsync<int>("Square", 3);
        var first = await context.WaitForExternalEvent<string>("scan");
        var second = await context.WaitForExternalEvent<string>("SCAN");
        var third = await context.WaitForExternalEvent<string>("Scan");
        return string.Join(",", first, second, third);
    }

    [Function("ParentOfChild")]
    public static async Task<string> ParentOfChild([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var cities = await context.CallSubOrchestratorAsync<List<string>>("HelloCities", new List<string> { "Kuwait" });
        try
        {
            await context.CallSubOrchestratorAsync<string>("ThrowsOrchestrator");
            return "child did not fail";
        }
        catch (TaskFailedException e)
        {
            return $"{cities[0]} | child failed: {e.FailureDetails.ErrorMessage}";
        }
    }

    [Function("ParentRethrows")]
    public static Task<string> ParentRethrows([OrchestrationTrigger] TaskOrchestrationContext context) =>
        context.CallSubOrchestratorAsync<string>("ThrowsOrchestrator", options: new SubOrchestrationOptions(InstanceId: $"{context.InstanceId}-child"));

    public record Counter(int Value, int Limit);

    [Function("CountsWithContinueAsNew")]
    public static async Task<int> CountsWithContinueAsNew([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var counter = context.GetInput<Counter>()!;
        await context.CallActivityAsync<int>("Square", counter.Value);
        if (counter.Value < counter.Limit)
        {
            context.ContinueAsNew(counter with { Value = counter.Value + 1 });
            return -1;
        }

        return counter.Value;
    }

    [Function("EventLoopWithContinueAsNew")]
    public static async Task<int> EventLoopWithContinueAsNew([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var total = context.GetInput<int>();
        var amount = await context.WaitForExternalEvent<int>("Deposit");
        total += amount;
        if (amount == 0)
        {
            return total;
        }

        context.ContinueAsNew(total);
        return total;
    }

    [Function("ReportsProgress")]
    public static async Task<string> ReportsProgress([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        context.SetCustomStatus(new { stage = "waiting", karat = 22 });
        await context.WaitForExternalEvent<string>("Go");
        try
        {
            context.SetCustomStatus(new string('x', TaskOrchestrationContext.MaxCustomStatusLength + 1));
            return "oversized status accepted";
        }
        catch (ArgumentException e)
        {
            context.SetCustomStatus(new { stage = "done" });
            return e.Message;
        }
    }

    [Function("DeterministicValues")]
    public static async Task<List<string>> DeterministicValues([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var logger = context.CreateReplaySafeLogger(RecordingLoggerProvider.Category);
        var first = context.NewGuid();
        logger.LogWarning("{InstanceId} one", context.InstanceId);
        await context.CallActivityAsync<int>("Square", 2);
        var second = context.NewGuid();
        logger.LogWarning("{InstanceId} two", context.InstanceId);
        await context.WaitForExternalEvent<string>("Continue");
        logger.LogWarning("{InstanceId} three", context.InstanceId);
        return [first.ToString(), second.ToString(), context.NewGuid().ToString(), context.IsReplaying.ToString()];
    }

    [Function("WaitsForever")]
    public static async Task<string> WaitsForever([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var count = 0;
        while (true)
        {
            await context.WaitForExternalEvent<string>("Tick");
            count++;
            context.SetCustomStatus(count);
        }
    }
}
