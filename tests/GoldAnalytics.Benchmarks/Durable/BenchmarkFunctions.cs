using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Durable;

namespace GoldAnalytics.Benchmarks.Durable;

/// <summary>The orchestrations the durable benchmark runs (the shapes of Microsoft's published Durable Functions tests).</summary>
public static class BenchmarkFunctions
{
    private static readonly string[] Cities = ["Tokyo", "Seattle", "London", "Cairo", "Dubai"];

    [Function("HelloCities5")]
    public static async Task<List<string>> HelloCities5([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var greetings = new List<string>(Cities.Length);
        foreach (var city in Cities)
        {
            greetings.Add(await context.CallActivityAsync<string>("BenchSayHello", city));
        }

        return greetings;
    }

    [Function("BenchSayHello")]
    public static string SayHello([ActivityTrigger] string city) => $"Hello {city}!";

    [Function("FanOut")]
    public static async Task<int> FanOut([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, context.GetInput<int>()).Select(i => context.CallActivityAsync<int>("NoOp", i)));
        return results.Length;
    }

    [Function("NoOp")]
    public static int NoOp([ActivityTrigger] int value) => value;

    [Function("OneActivity")]
    public static Task<string> OneActivity([OrchestrationTrigger] TaskOrchestrationContext context) =>
        context.CallActivityAsync<string>("BenchSayHello", "Riyadh");
}
