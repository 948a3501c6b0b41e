using System.Text.Json;

namespace GoldAnalytics.Data.Forecasting;

/// <summary>A forecast run: when, over which weeks, how it reconciled, its state and (once completed) its summary.</summary>
public sealed record ForecastRunView(
    long Id, string InstanceId, string Status, DateOnly AsOf, DateOnly FirstWeek, DateOnly LastWeek, int Horizon, string Reconciliation,
    int SeriesCount, int BatchCount, DateTime StartedAt, DateTime? CompletedAt, JsonElement? Summary);

/// <summary>A model's rolling-origin back-test accuracy: MASE (scaled by in-sample seasonal naive error), sMAPE in percent, origins.</summary>
public sealed record ModelAccuracy(double? Mase, double? Smape, int? Origins);

/// <summary>The demand class by Syntetos–Boylan: pattern, average demand interval, squared coefficient of variation.</summary>
public sealed record DemandClassView(string Pattern, double? Adi, double? Cv2);

/// <summary>Units sold (refunds netted) in the week starting on a Monday.</summary>
public sealed record HistoryPoint(DateOnly Week, double Units);

/// <summary>
/// A forecast week: the reconciled forecast (adds up across levels), the model's own forecast, and the model's 80 and
/// 95 % prediction intervals moved with the reconciliation.
/// </summary>
public sealed record ForecastPoint(int Step, DateOnly Week, double Forecast, double Base, double Lower80, double Upper80, double Lower95, double Upper95);

/// <summary>One series of the latest run with everything stored next to its forecast.</summary>
public sealed record ForecastSeriesView(
    long RunId, DateOnly AsOf, string Level, string Key, string? Category, int? ProductId, string? Sku, int? BranchId, short? Karat, string State,
    string? Model, string? Specification, ModelAccuracy Accuracy, IReadOnlyList<StoredScore> RunnersUp, StoredSeasonality? Seasonality,
    DemandClassView? Demand, IReadOnlyList<string> Notes, string? Failure, IReadOnlyList<HistoryPoint> History, IReadOnlyList<ForecastPoint> Forecast);

/// <summary>A series in the list: what it is, its model and accuracy, its demand class and the units forecast over the horizon.</summary>
public sealed record ForecastSeriesItem(
    string Level, string Key, string? Category, int? ProductId, string? Sku, int? BranchId, short? Karat, string State, string? Model,
    double? Mase, double? Smape, string? DemandPattern, bool? IsSeasonal, double? HorizonTotal);

/// <summary>Which series to list: every filter is optional.</summary>
public sealed record ForecastSeriesFilter(string? Level = null, string? Category = null, int? Branch = null, int? Karat = null, string? Model = null, string? Pattern = null, string? Sku = null);

/// <summary>One page of series of the latest run.</summary>
public sealed record ForecastSeriesList(long RunId, DateOnly AsOf, IReadOnlyList<ForecastSeriesItem> Items, int Page, int PageSize, long Total);
