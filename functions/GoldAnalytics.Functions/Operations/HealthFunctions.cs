using GoldAnalytics.Functions.Kpis.WarmUp;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoldAnalytics.Functions.Operations;

/// <summary>Health of the host and its services, for load balancers and the operations page.</summary>
public sealed class HealthFunctions(HealthProbes probes, KpiReadiness readiness)
{
    /// <summary>200 when every service answers, 503 otherwise; latencies, never secrets.</summary>
    [Function("HealthCheck")]
    public async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> Check(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var report = await probes.CheckAsync(cancellationToken);
        return report.Status == "healthy"
            ? TypedResults.Ok(report)
            : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>
    /// Readiness for a load balancer or orchestrator: 503 while the KPI engines warm after a start,
    /// 200 once they are warm (or warming is disabled). An engine that failed to warm does not keep the
    /// host out: it fills on its first request.
    /// </summary>
    [Function("ReadinessCheck")]
    public Results<Ok<KpiReadinessReport>, JsonHttpResult<KpiReadinessReport>> Ready(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/ready")] HttpRequest request)
    {
        var report = readiness.Report();
        return report.IsReady
            ? TypedResults.Ok(report)
            : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
