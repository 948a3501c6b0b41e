using GoldAnalytics.Data.Forecasting;
using GoldAnalytics.Data.Stock;
using Microsoft.Extensions.DependencyInjection;

namespace GoldAnalytics.Functions.Forecasting;

/// <summary>The forecast run's steps and the forecast and recommendation queries.</summary>
internal static class ForecastingServices
{
    public static IServiceCollection AddForecasting(this IServiceCollection services) => services
        .AddSingleton<ForecastRuns>()
        .AddSingleton<ForecastBatches>()
        .AddSingleton<ForecastReconciliation>()
        .AddSingleton<ForecastRunSummaries>()
        .AddSingleton<StockRecommender>()
        .AddSingleton<ForecastQuery>()
        .AddSingleton<FestivalCalendar>()
        .AddSingleton<RecommendationQuery>();
}
