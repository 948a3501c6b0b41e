using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using Microsoft.AspNetCore.Http;

namespace GoldAnalytics.Benchmarks.Http;

/// <summary>The trivial authenticated function the HTTP benchmark drives: the cost measured is the runtime's, not the function's.</summary>
public static class PingFunction
{
    [Function("BenchPing")]
    public static string Ping([HttpTrigger(AuthorizationLevel.Function, "get", Route = "bench/ping")] HttpRequest request) => "pong";
}
