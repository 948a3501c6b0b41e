using GoldAnalytics.Data.Forecasting;
using GoldAnalytics.Runtime.Http;

namespace GoldAnalytics.Functions.Forecasting;

/// <summary>The latest completed forecast run, or a 404 problem that says how to start one.</summary>
public static class LatestForecastRun
{
    /// <summary>The latest completed run; <paramref name="consequence"/> (e.g. ", so there are no recommendations") completes the 404's message.</summary>
    public static async Task<ForecastRunView> RequireAsync(this ForecastQuery forecasts, CancellationToken cancellationToken, string consequence = "") =>
        await forecasts.LatestAsync(cancellationToken)
        ?? throw new ProblemException(404, ProblemCodes.NotFound, $"No forecast run has completed yet{consequence}; an analyst can start one with POST /api/forecasting/runs.");
}
