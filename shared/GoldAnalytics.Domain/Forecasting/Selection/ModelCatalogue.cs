using GoldAnalytics.Domain.Forecasting.Baselines;
using GoldAnalytics.Domain.Forecasting.Decomposition;
using GoldAnalytics.Domain.Forecasting.Intermittent;
using GoldAnalytics.Domain.Forecasting.Models;

namespace GoldAnalytics.Domain.Forecasting.Selection;

/// <summary>Every forecasting method of the project by name, for benchmarks and configuration.</summary>
public static class ModelCatalogue
{
    public static IReadOnlyDictionary<string, IForecastModel> All { get; } = new Dictionary<string, IForecastModel>(StringComparer.OrdinalIgnoreCase)
    {
        ["Naive"] = NaiveModel.Naive,
        ["SeasonalNaive"] = NaiveModel.Seasonal,
        ["ETS"] = Candidates.Ets,
        ["Theta"] = Candidates.Theta,
        ["ARIMA"] = Candidates.Arima,
        ["Combination"] = Candidates.Combination,
        ["Regression"] = Candidates.Regression,
        ["STL-ETS"] = new StlModel(Candidates.Ets),
        ["STL-ARIMA"] = new StlModel(Candidates.Arima),
        ["STL-Combination"] = Candidates.StlCombination,
        ["Croston"] = new CrostonModel(CrostonVariant.Croston),
        ["SBA"] = new CrostonModel(CrostonVariant.Sba),
        ["TSB"] = new CrostonModel(CrostonVariant.Tsb),
        ["Auto"] = new AutomaticForecaster(),
    };
}
