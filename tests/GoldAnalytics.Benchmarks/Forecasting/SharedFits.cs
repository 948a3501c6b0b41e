using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using GoldAnalytics.Domain.Forecasting.Combination;
using GoldAnalytics.Domain.Forecasting.Models;
using GoldAnalytics.Domain.Forecasting.Selection;

namespace GoldAnalytics.Benchmarks.Forecasting;

/// <summary>Remembers a model's outcome per series so that scoring ETS, ARIMA, Theta and their combination fits each member once.</summary>
public sealed class RememberedModel(IForecastModel inner) : IForecastModel
{
    private readonly ConditionalWeakTable<IReadOnlyList<double>, ConcurrentDictionary<int, ModelOutcome>> _outcomes = [];

    public string Name => inner.Name;

    public ModelOutcome Forecast(SeriesInput series, int horizon, IReadOnlyList<double> levels) =>
        _outcomes.GetOrCreateValue(series.Values).GetOrAdd(horizon, h => inner.Forecast(series, h, levels));
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
        models["Combination"] = new CombinationModel("Combination", members);
        return models;
    }
}
