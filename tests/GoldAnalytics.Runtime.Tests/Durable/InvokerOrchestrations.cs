using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Runtime.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoldAnalytics.Runtime.Tests.Durable;

public sealed record StartedGreeting(string InstanceId);

/// <summary>Functions of every durable kind, bound the way the product binds them.</summary>
public static class InvokerOrchestrations
{
    [Function("StartGreeting")]
    public static async Task<Accepted<StartedGreeting>> Start(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "greetings/{city}")] HttpRequest request,
        string city,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var id = await client.ScheduleNewOrchestrationInstanceAsync("GreetingAfterPause", city, cancellationToken: cancellationToken);
        return TypedResults.Accepted($"/runtime/webhooks/durabletask/instances/{id}", new StartedGreeting(id));
    }

    [Function("GreetingAfterPause")]
    public static async Task<string> GreetingAfterPause([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var city = context.GetInput<string>()!;
        // Longer than the host's one-second functionTimeout in the test.
        await context.CreateTimer(TimeSpan.FromSeconds(2), CancellationToken.None);
        return await context.CallActivityAsync<string>("GreetAfterPause", city);
    }

    [Function("GreetAfterPause")]
    public static string Greet([ActivityTrigger] string city) => $"Hello {city}, after a pause!";
}
