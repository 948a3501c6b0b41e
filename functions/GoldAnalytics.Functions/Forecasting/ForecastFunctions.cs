using GoldAnalytics.Data.Forecasting;
using GoldAnalytics.Functions.Insights;
using GoldAnalytics.Functions.Kpis;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoldAnalytics.Functions.Forecasting;

/// <summary>The latest completed run's forecasts: a filtered list of series, and one series in full (viewer role).</summary>
[RequireRole(Role.Viewer)]
public sealed class ForecastFunctions(ForecastQuery forecasts)
{
    /// <summary>Series with their model, accuracy, demand class and units forecast over the horizon; shop first, then categories, SKUs, SKU × branch.</summary>
    [Function("ForecastSeriesList")]
    public async Task<Ok<ForecastSeriesList>> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "forecasting/series")] HttpRequest request,
        CancellationToken cancellationToken,
        string? level = null,
        string? category = null,
        int? branch = null,
        int? karat = null,
        string? model = null,
        string? pattern = null,
        string? sku = null,
        int page = 1,
        int pageSize = 50)
    {
        var filter = new ForecastSeriesFilter(Level(level), KpiQuery.Filter(null, null, category, karat, null).Category, branch, karat, model, Pattern(pattern), sku);
        var run = await forecasts.RequireAsync(cancellationToken);
        return TypedResults.Ok(await forecasts.ListAsync(run, filter, Paging.Of(page, pageSize), cancellationToken));
    }

    /// <summary>
    /// One series: weekly history, reconciled forecast with the model's forecast and 80/95 % intervals, the chosen model and its
    /// back-test MASE and sMAPE, the runners-up, the seasonality analysis and the demand class. The key is the category code,
    /// the SKU, or SKU@BRANCH-CODE; the shop has none.
    /// </summary>
    [Function("ForecastSeries")]
    public async Task<Ok<ForecastSeriesView>> Series(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "forecasting/series/{level}")] HttpRequest request,
        string level,
        CancellationToken cancellationToken,
        string? key = null)
    {
        var parsed = Level(level)!;
        if (parsed == SeriesLevels.Shop ? !string.IsNullOrEmpty(key) : string.IsNullOrWhiteSpace(key))
        {
            throw KpiQuery.Invalid("key", ProblemCodes.InvalidValue, parsed == SeriesLevels.Shop
                ? "The shop series has no key; leave key out."
                : "key names the series: a category code, a SKU, or SKU@BRANCH-CODE.");
        }

        var run = await forecasts.RequireAsync(cancellationToken);
        return TypedResults.Ok(await forecasts.SeriesAsync(run, parsed, key ?? "", cancellationToken)
            ?? throw new ProblemException(404, ProblemCodes.NotFound, $"The latest forecast run has no {parsed} series '{key}'."));
    }

    private static string? Level(string? level) =>
        level is null || SeriesLevels.All.Contains(level)
            ? level
            : throw KpiQuery.Invalid("level", ProblemCodes.InvalidValue, $"level is one of {string.Join(", ", SeriesLevels.All)}.");

    private static string? Pattern(string? pattern) =>
        pattern is null || DemandPatterns.All.Contains(pattern)
            ? pattern
            : throw KpiQuery.Invalid("pattern", ProblemCodes.InvalidValue, $"pattern is one of {string.Join(", ", DemandPatterns.All)}.");
}
