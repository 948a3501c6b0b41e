using GoldAnalytics.Data.Forecasting;
using GoldAnalytics.Data.Stock;
using GoldAnalytics.Functions.Forecasting;
using GoldAnalytics.Functions.Insights;
using GoldAnalytics.Functions.Kpis;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoldAnalytics.Functions.Stock;

/// <summary>The latest run's stock recommendations per SKU × branch, most urgent first (viewer role).</summary>
[RequireRole(Role.Viewer)]
public sealed class StockRecommendationFunctions(ForecastQuery forecasts, RecommendationQuery recommendations)
{
    /// <summary>Filtered by branch, category, karat and action (order_now, fine, overstocked, dead_stock); sorted by urgency days (days of cover minus lead time), no-demand rows last.</summary>
    [Function("StockRecommendations")]
    public async Task<Ok<StockRecommendationList>> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "stock/recommendations")] HttpRequest request,
        CancellationToken cancellationToken,
        int? branch = null,
        string? category = null,
        int? karat = null,
        string? action = null,
        int page = 1,
        int pageSize = 50)
    {
        if (action is not null && !StockActions.All.Contains(action))
        {
            throw KpiQuery.Invalid("action", ProblemCodes.InvalidValue, $"action is one of {string.Join(", ", StockActions.All)}.");
        }

        var filter = KpiQuery.Filter(branch, null, category, karat, null);
        var paging = Paging.Of(page, pageSize);
        var run = await forecasts.RequireAsync(cancellationToken, ", so there are no recommendations");
        return TypedResults.Ok(await recommendations.ListAsync(run.Id, run.AsOf, new RecommendationFilter(filter.BranchId, filter.Category, filter.Karat, action), paging, cancellationToken));
    }
}
