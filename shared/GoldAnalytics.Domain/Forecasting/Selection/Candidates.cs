using GoldAnalytics.Domain.Forecasting.Arima;
using GoldAnalytics.Domain.Forecasting.Baselines;
using GoldAnalytics.Domain.Forecasting.Combination;
using GoldAnalytics.Domain.Forecasting.Decomposition;
using GoldAnalytics.Domain.Forecasting.ExponentialSmoothing;
using GoldAnalytics.Domain.Forecasting.Intermittent;
using GoldAnalytics.Domain.Forecasting.Models;
using GoldAnalytics.Domain.Forecasting.Regression;
using GoldAnalytics.Domain.Forecasting.Theta;

namespace GoldAnalytics.Domain.Forecasting.Selection;

/// <summary>Which models suit a series: intermittent demand goes to Croston-type methods, long seasons to STL and Fourier terms.</summary>
public static class Candidates
{
    public static IForecastModel Ets { get; } = new EtsModel();

    public static IForecastModel Arima { get; } = new ArimaModel();

    public static IForecastModel Theta { get; } = new ThetaModel();

    public static IForecastModel Regression { get; } = new RegressionModel();

    /// <summary>The mean of ETS, ARIMA and Theta.</summary>
    public static CombinationModel Combination { get; } = new("Combination", [Ets, Arima, Theta]);

    /// <summary>For seasons too long for seasonal ETS and ARIMA: both on the STL-adjusted series, combined with Theta.</summary>
    public static CombinationModel StlCombination { get; } = new("STL-Combination", [new StlModel(Ets), new StlModel(Arima), Theta]);

    public static IReadOnlyList<IForecastModel> For(DemandClass demand, int seasonalPeriod, bool hasFestivals)
    {
        var seasonal = seasonalPeriod > 1;
        var list = new List<IForecastModel> { NaiveModel.Naive };
        if (seasonal)
        {
            list.Add(NaiveModel.Seasonal);
        }
        if (demand.IsIntermittent)
        {
            list.AddRange([new CrostonModel(CrostonVariant.Croston), new CrostonModel(CrostonVariant.Sba), new CrostonModel(CrostonVariant.Tsb)]);
            return list;
        }
        if (seasonalPeriod > EtsModel.MaxSeasonalPeriod)
        {
            list.AddRange([StlCombination, Regression]);
            return list;
        }
        list.Add(Combination);
        if (seasonal || hasFestivals)
        {
            list.Add(Regression);
        }
        return list;
    }
}
