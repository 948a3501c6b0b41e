using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Durable;

namespace GoldAnalytics.Runtime.Tests.Durable;

/// <summary>Orchestrations and activities the engine tests run.</summary>
public static class TestOrchestrations
{
    [Function("SayHello")]
    public static string SayHello([ActivityTrigger] string city) => $"Hello {city}!";

    [Function("HelloCities")]
    public static async Task<List<string>> HelloCities([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var cities = context.GetInput<string[]>() ?? ["Dubai", "Mumbai", "Istanbul"];
        var greetings = new List<string>();
        foreach (var city in cities)
        {
            greetings.Add(await context.CallActivityAsync<string>("SayHello", city));
        }

        return greetings;
    }

    [Function("FanOutFanIn")]
    public static async Task<int> FanOutFanIn([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var count = context.GetInput<int>();
        var results = await Task.WhenAll(Enumerable.Range(1, count).Select(i => context.CallActivityAsync<int>("Square", i)));
        return results.Sum();
    }

    [Function("Square")]
    public static int Square([ActivityTrigger] int value) => value * value;

    [Function("Fail")]
    public static string Fail([ActivityTrigger] string message) => throw new InvalidOperationException(message);

    [Function("CallsFailingActivity")]
    public static async Task<string> CallsFailingActivity([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        try
        {
            return await context.CallActivityAsync<string>("Fail", "karat scale offline");
        }
        catch (TaskFailedException e) when (e.FailureDetails.IsCausedBy<InvalidOperationException>())
        {
            return $"caught: {e.FailureDetails.ErrorMessage}";
        }
    }

    [Function("ThrowsOrchestrator")]
    public static Task<string> ThrowsOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        context.CallActivityAsync<string>("Fail", "melt batch rejected");
}
