using GoldAnalytics.Domain.Forecasting.Baselines;
using GoldAnalytics.Domain.Forecasting.Combination;
using GoldAnalytics.Domain.Forecasting.Intermittent;
using GoldAnalytics.Domain.Forecasting.Models;
using GoldAnalytics.Domain.Forecasting.Seasonality;

namespace GoldAnalytics.Domain.Forecasting.Selection;

/// <summary>
/// Forecasts a series with the candidate that has the lowest rolling-origin back-test MASE. A combination is scored
/// from its members' back-test forecasts, and members enter the ranking in their own right. Because a few back-test
/// origins are a noisy guide, the combination is kept unless another candidate beats its back-test MASE by more than
/// <paramref name="combinationMargin"/> (a fraction; 0 picks the plain minimum).
/// </summary>
public sealed class AutomaticForecaster(
    Backtest? backtest = null,
    double combinationMargin = 0.5,
    Func<DemandClass, int, bool, IReadOnlyList<IForecastModel>>? candidates = null) : IForecastModel
{
    private readonly Func<DemandClass, int, bool, IReadOnlyList<IForecastModel>> _candidates = candidates ?? Candidates.For;

    private readonly Backtest _backtest = backtest ?? new Backtest();

    public string Name => "Auto";

    public ModelOutcome Forecast(SeriesInput series, int horizon, IReadOnlyList<double> levels)
    {
        var result = Forecast(new ForecastRequest(series.Values, series.SeasonalPeriod, horizon, levels, series.Festivals));
        return ModelOutcome.Of(new Forecast(result.Specification, result.Point, result.Intervals));
    }

    public ForecastResult Forecast(ForecastRequest request)
    {
        var series = request.Input;
        var levels = request.IntervalLevels;
        var demand = DemandClass.Of(series.Values);
        var seasonality = SeasonalityAnalysis.Of(series.Values, series.SeasonalPeriod);
        if (series.Length == 0)
        {
            throw new ArgumentException("The series is empty: nothing to forecast.", nameof(request));
        }
        if (series.IsConstant())
        {
            var flat = NaiveModel.Naive.Forecast(series.Length > 1 ? series : new SeriesInput([series.Values[0], series.Values[0]], 1), request.Horizon, levels).Forecast!;
            return new ForecastResult("Naive", "Naive", flat.Point, flat.Intervals, null, [], [], seasonality, demand, ["constant history: the forecast repeats it"]);
        }

        var candidates = _candidates(demand, series.SeasonalPeriod, request.Festivals is { Count: > 0 });
        var cuts = _backtest.Cuts(series.Length, request.Horizon, series.SeasonalPeriod);
        var scores = new List<(IForecastModel Model, BacktestScore Score, double[] Errors)>();
        var notes = new List<string>();
        foreach (var candidate in candidates)
        {
            scores.AddRange(Evaluate(candidate, series, cuts, request.Horizon, notes));
        }
        var ranked = scores.OrderBy(s => s.Score.Mase).ThenBy(s => s.Score.Smape).ToList();
        var combination = ranked.FindIndex(s => s.Model is CombinationModel);
        if (combination > 0 && ranked[combination].Score.Mase * (1 - combinationMargin) <= ranked[0].Score.Mase)
        {
            ranked.Insert(0, ranked[combination]);
            ranked.RemoveAt(combination + 1);
        }
        foreach (var (model, score, errors) in ranked.Count > 0 ? ranked : candidates.Select(c => (c, (BacktestScore)null!, Array.Empty<double>())).ToList())
        {
            var outcome = model.Forecast(series, request.Horizon, levels);
            if (outcome.Forecast is { } forecast)
            {
                var runnersUp = ranked.Where(r => r.Model != model).Select(r => r.Score).ToList();
                if (ranked.Count == 0)
                {
                    notes.Add("too short to back-test: the first candidate that fits is used");
                }
                return new ForecastResult(score?.Model ?? model.Name, forecast.Model, forecast.Point, forecast.Intervals, score, errors, runnersUp, seasonality, demand, notes);
            }
            notes.Add($"{model.Name}: {outcome.CannotFitReason}");
        }
        throw new InvalidOperationException("No candidate could forecast the series: " + string.Join("; ", notes));
    }

    private static IEnumerable<(IForecastModel Model, BacktestScore Score, double[] Errors)> Evaluate(IForecastModel candidate, SeriesInput series, IReadOnlyList<int> cuts, int horizon, List<string> notes)
    {
        if (cuts.Count == 0)
        {
            yield break;
        }
        if (candidate is CombinationModel combination)
        {
            // Members keep the specification chosen on the whole series, so the final forecast does not search again.
            var members = combination.Members.Select(m => (Name: m.Name, Model: (m as ISpecifiable)?.Specify(series) ?? m)).ToList();
            var memberForecasts = members.Select(m => Backtest.Run(m.Model, series, cuts, horizon)).ToList();
            for (var j = 0; j < members.Count; j++)
            {
                if (Backtest.Score(members[j].Name, series, cuts, memberForecasts[j]) is { } memberScore)
                {
                    yield return (members[j].Model, memberScore, Backtest.Errors(series, cuts, memberForecasts[j]));
                }
            }
            var combined = cuts.Select((cut, i) => combination.Combine(
                [.. members.Select((m, j) => memberForecasts[j][i] is { } f ? ModelOutcome.Of(f) : ModelOutcome.CannotFit(m.Name, "failed at this origin"))],
                Math.Min(horizon, series.Length - cut), []).Forecast).ToArray();
            if (Backtest.Score(combination.Name, series, cuts, combined) is { } score)
            {
                yield return (new CombinationModel(combination.Name, [.. members.Select(m => m.Model)]), score, Backtest.Errors(series, cuts, combined));
            }
            yield break;
        }
        var specified = (candidate as ISpecifiable)?.Specify(series) ?? candidate;
        var forecasts = Backtest.Run(specified, series, cuts, horizon);
        var single = Backtest.Score(candidate.Name, series, cuts, forecasts);
        if (single is null)
        {
            notes.Add($"{candidate.Name}: cannot be back-tested on this series");
            yield break;
        }
        yield return (specified, single, Backtest.Errors(series, cuts, forecasts));
    }
}
