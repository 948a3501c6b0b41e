using System.Text.Json;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Invocation;

namespace GoldAnalytics.Runtime.Tests.Samples;

public sealed record Consignment(string Sku, decimal Grams, int Karat);

public sealed class InvocationSamples(GoldRates rates, DisposalLog log) : IDisposable
{
    [Function("ValueOfGold")]
    public async Task<decimal> ValueOf([TestTrigger("every weighing")] decimal grams, int karat, FunctionContext context)
    {
        await Task.Yield();
        context.CancellationToken.ThrowIfCancellationRequested();
        return grams * rates.PerGram(karat);
    }

    [Function("Echo")]
    public static string Echo([TestTrigger] string text, string suffix = "!") => text + suffix;

    [Function("CountItems")]
    public static ValueTask<int> Count([TestTrigger] string[] items) => ValueTask.FromResult(items.Length);

    [Function("DoNothing")]
    public static void DoNothing([TestTrigger] object? ignored)
    {
    }

    [Function("WhoAmI")]
    public static string WhoAmI([TestTrigger] object? ignored, FunctionContext context) => $"{context.FunctionName}|{context.InvocationId}";

    [Function("IgnoresCancellation")]
    public static async Task<string> IgnoresCancellation([TestTrigger] object? ignored)
    {
        await Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None);
        return "late";
    }

    [Function("ObservesCancellation")]
    public static async Task ObservesCancellation([TestTrigger] object? ignored, CancellationToken cancellationToken) =>
        await Task.Delay(Timeout.Infinite, cancellationToken);

    // Busy past its timeout before its first await, as on a loaded machine: it is already cancelled when the invoker looks.
    [Function("ObservesCancellationAfterBusyStart")]
    public static async Task ObservesCancellationAfterBusyStart([TestTrigger] object? ignored, CancellationToken cancellationToken)
    {
        Thread.Sleep(TimeSpan.FromMilliseconds(300));
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    [Function("Fails")]
    public static void Fails([TestTrigger] string reason) => throw new InvalidOperationException(reason);

    [Function("ReceiveConsignment")]
    public static Consignment Receive([TestTrigger] Consignment consignment) => consignment;

    [Function("CountDisposals")]
    public int CountDisposals([TestTrigger] object? ignored) => log.Count;

    [Function("ReadJson")]
    public static string ReadJson([TestTrigger] JsonElement input) => input.GetProperty("sku").GetString()!;

    public void Dispose() => log.Record();
}
