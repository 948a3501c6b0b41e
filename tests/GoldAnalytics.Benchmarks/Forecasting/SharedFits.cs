using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using GoldAnalytics.Domain.Forecasting.Combination;
using GoldAnalytics.Domain.Forecasting.Models;
using GoldAnalytics.Domain.Forecasting.Selection;

namespace GoldAnalytics.Benchmarks.Forecasting;

/// <summary>
/// Remembers a model's specification and outcome per series so that scoring ETS, ARIMA, Theta, their combination and
/// the automatic selection searches each member's specification once per series.
/// </summary>
public sealed class RememberedModel(IForecastModel inner) : IForecastModel, ISpecifiable
{
    private readonly ConditionalWeakTable<IReadOnlyList<double>, ConcurrentDictionary<int, ModelOutcome>> _outcomes = [];
    private readonly ConditionalWeakTable<IReadOnlyList<double>, Lazy<IForecastModel?>> _specifications = [];

    public string Name => inner.Name;

    public ModelOutcome Forecast(SeriesInput series, int horizon, IReadOnlyList<double> levels) =>
        _outcomes.GetOrCreateValue(series.Values).GetOrAdd(horizon, h => (Specify(series) ?? inner).Forecast(series, h, levels));

    public IForecastModel? Specify(SeriesInput series) => inner is ISpecifiable specifiable
        ? _specifications.GetValue(series.Values, _ => new Lazy<IForecastModel?>(() => specifiable.Specify(series))).Value
        : null;
}

/// <summary>The models a run scores, with ETS, ARIMA and Theta shared by the combination.</summary>
public static class BenchmarkModels
{
    private static readonly string[] Members = ["ETS", "ARIMA", "Theta"];

    public static IReadOnlyDictionary<string, IForecastModel> Create()
    {
        var models = new Dictionary<string, IForecastModel>(ModelCatalogue.All, StringComparer.OrdinalIgnoreCase);
        var members = Members.Select(name => new RememberedModel(ModelCatalogue.All[name])).ToList();
        foreach (var member in members)
        {
            models[member.Name] = member;
        }
        var combination = new CombinationModel("Combination", members);
        models["Combination"] = combination;
        models["Auto"] = new AutomaticForecaster(candidates: (demand, period, festivals) =>
            [.. Candidates.For(demand, period, festivals).Select(c => c == Candidates.Combination ? combination : c)]);
        return models;
    }
}
