using GoldAnalytics.Domain.Forecasting.Intermittent;
using GoldAnalytics.Domain.Forecasting.Models;
using GoldAnalytics.Domain.Forecasting.Seasonality;

namespace GoldAnalytics.Domain.Forecasting.Selection;

/// <summary>A candidate's rolling-origin back-test accuracy (MASE scaled by in-sample seasonal naive MAE; sMAPE in percent).</summary>
public sealed record BacktestScore(string Model, double Mase, double Smape, int Origins);

/// <summary>
/// The chosen forecast of a series with everything stored next to it: the model and its specification, point
/// forecasts and intervals, its back-test accuracy and errors (actual − forecast, for safety stock), the runners-up,
/// the seasonality analysis and the demand class.
/// </summary>
public sealed record ForecastResult(
    string Model,
    string Specification,
    IReadOnlyList<double> Point,
    IReadOnlyList<PredictionInterval> Intervals,
    BacktestScore? Accuracy,
    IReadOnlyList<double> BacktestErrors,
    IReadOnlyList<BacktestScore> RunnersUp,
    SeasonalityAnalysis Seasonality,
    DemandClass Demand,
    IReadOnlyList<string> Notes);
