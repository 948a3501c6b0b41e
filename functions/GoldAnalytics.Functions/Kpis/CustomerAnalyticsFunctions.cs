using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Domain.Kpis.Customer;
using GoldAnalytics.Functions.Insights;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoldAnalytics.Functions.Kpis;

/// <summary>RFM segments, the cohort retention matrix and lifetime value (viewer role).</summary>
public sealed class CustomerAnalyticsFunctions(CustomerAnalytics analytics)
{
    [Function("RfmSegments")]
    public async Task<Ok<RfmReport>> Rfm(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "kpis/customers/rfm")] HttpRequest request,
        DateOnly from,
        DateOnly to,
        CancellationToken cancellationToken,
        int? branch = null,
        int page = 1,
        int pageSize = 50)
    {
        var paging = Paging.Of(page, pageSize);
        return TypedResults.Ok(await analytics.RfmAsync(branch, KpiQuery.Range(from, to), paging.Page, paging.Size, cancellationToken));
    }

    [Function("CohortRetention")]
    public async Task<Ok<IReadOnlyList<CohortRow>>> Cohorts(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "kpis/customers/cohorts")] HttpRequest request,
        DateOnly from,
        DateOnly to,
        CancellationToken cancellationToken,
        int? branch = null) =>
        TypedResults.Ok(await analytics.CohortRetentionAsync(branch, KpiQuery.Range(from, to), cancellationToken));

    [Function("LifetimeValue")]
    public async Task<Ok<LifetimeValueReport>> LifetimeValue(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "kpis/customers/lifetime-value")] HttpRequest request,
        DateOnly from,
        DateOnly to,
        CancellationToken cancellationToken,
        int? branch = null,
        int months = 12)
    {
        if (months is < 1 or > 60)
        {
            throw KpiQuery.Invalid("months", ProblemCodes.OutOfRange, "months is between 1 and 60.");
        }

        return TypedResults.Ok(await analytics.LifetimeValueAsync(branch, KpiQuery.Range(from, to), months, cancellationToken));
    }
}
