using GoldAnalytics.Domain.Forecasting.Models;

namespace GoldAnalytics.Domain.Forecasting.Combination;

/// <summary>
/// Equal-weight combination of several models' forecasts (by default ETS, ARIMA and Theta). Interval bounds are the
/// means of the members' bounds: not a probabilistic statement about the mean, but the usual practical choice.
/// </summary>
public sealed class CombinationModel(string name, IReadOnlyList<IForecastModel> members) : IForecastModel
{
    public string Name => name;

    public IReadOnlyList<IForecastModel> Members => members;

    public ModelOutcome Forecast(SeriesInput series, int horizon, IReadOnlyList<double> levels)
    {
        var outcomes = members.Select(m => m.Forecast(series, horizon, levels)).ToList();
        return Combine(outcomes, horizon, levels);
    }

    /// <summary>Combines members' outcomes already computed (the back-test reuses them instead of refitting).</summary>
    public ModelOutcome Combine(IReadOnlyList<ModelOutcome> outcomes, int horizon, IReadOnlyList<double> levels)
    {
        var fitted = outcomes.Where(o => o.Fitted).Select(o => o.Forecast!).ToList();
        if (fitted.Count < 2)
        {
            return ModelOutcome.CannotFit(Name, "fewer than two members could be fitted: " + string.Join("; ", outcomes.Where(o => !o.Fitted).Select(o => $"{o.Model}: {o.CannotFitReason}")));
        }
        var point = Mean(fitted.Select(f => f.Point).ToList(), horizon);
        var intervals = levels.Select(level =>
        {
            var at = fitted.Select(f => f.At(level)).Where(i => i is not null).Select(i => i!).ToList();
            return new PredictionInterval(level, Mean([.. at.Select(i => i.Lower)], horizon), Mean([.. at.Select(i => i.Upper)], horizon));
        }).Where(i => i.Lower.Count == horizon).ToList();
        return ModelOutcome.Of(new Forecast(Name, point, intervals));
    }

    private static double[] Mean(List<IReadOnlyList<double>> series, int horizon)
    {
        var mean = new double[horizon];
        if (series.Count == 0)
        {
            return [];
        }
        foreach (var s in series)
        {
            for (var h = 0; h < horizon; h++)
            {
                mean[h] += s[h] / series.Count;
            }
        }
        return mean;
    }
}
