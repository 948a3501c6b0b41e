using GoldAnalytics.Domain.Forecasting.Arima;
using GoldAnalytics.Domain.Forecasting.Baselines;
using GoldAnalytics.Domain.Forecasting.ExponentialSmoothing;
using GoldAnalytics.Domain.Forecasting.Models;
using GoldAnalytics.Domain.Forecasting.Theta;

namespace GoldAnalytics.Domain.Forecasting.Selection;

/// <summary>Every forecasting method of the project by name, for benchmarks and configuration.</summary>
public static class ModelCatalogue
{
    public static IReadOnlyDictionary<string, IForecastModel> All { get; } = new Dictionary<string, IForecastModel>(StringComparer.OrdinalIgnoreCase)
    {
        ["Naive"] = NaiveModel.Naive,
        ["SeasonalNaive"] = NaiveModel.Seasonal,
        ["ETS"] = new EtsModel(),
        ["Theta"] = new ThetaModel(),
        ["ARIMA"] = new ArimaModel(),
    };
}
