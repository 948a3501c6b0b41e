using GoldAnalytics.Domain.Forecasting.Models;

namespace GoldAnalytics.Domain.Forecasting.Intermittent;

/// <summary>The intermittent-demand methods: Croston, its bias-corrected SBA variant, and TSB.</summary>
public enum CrostonVariant
{
    Croston,
    Sba,
    Tsb,
}

/// <summary>
/// Croston-type forecasts of intermittent demand: a flat demand rate per period. Croston and SBA smooth demand sizes
/// and intervals between demands (initialised on the first demand, as R's croston); SBA multiplies by 1 − α/2;
/// TSB smooths sizes and the probability of a demand every period (Teunter, Syntetos and Babai 2011). Intervals are
/// bootstrapped from the in-sample one-step errors, floored at zero.
/// </summary>
public sealed class CrostonModel(CrostonVariant variant, double alpha = 0.1, double beta = 0.1) : IForecastModel
{
    public string Name => variant switch
    {
        CrostonVariant.Sba => "SBA",
        CrostonVariant.Tsb => "TSB",
        _ => "Croston",
    };

    public ModelOutcome Forecast(SeriesInput series, int horizon, IReadOnlyList<double> levels)
    {
        var y = series.Values;
        if (y.Any(v => v < 0))
        {
            return ModelOutcome.CannotFit(Name, "negative demand");
        }
        var demands = y.Count(v => v > 0);
        if (demands == 0)
        {
            return ModelOutcome.CannotFit(Name, "all zeros");
        }
        if (demands < 2)
        {
            return ModelOutcome.CannotFit(Name, "too few demands: needs at least 2 non-zero periods");
        }
        var fitted = new double[y.Count];
        var rate = variant == CrostonVariant.Tsb ? RunTsb(y, fitted) : RunCroston(y, fitted);
        var point = Enumerable.Repeat(rate, horizon).ToArray();
        return ModelOutcome.Of(new Forecast(Name, point, BootstrapIntervals(y, fitted, rate, horizon, levels)));
    }

    /// <summary>Demand rate after the whole history; fitted[t] is the forecast made before observing t (NaN before the first demand).</summary>
    private double RunCroston(IReadOnlyList<double> y, double[] fitted)
    {
        double size = 0, interval = 0;
        var sinceLast = 0;
        var started = false;
        for (var t = 0; t < y.Count; t++)
        {
            sinceLast++;
            fitted[t] = started ? Rate(size, interval) : double.NaN;
            if (y[t] <= 0)
            {
                continue;
            }
            if (!started)
            {
                (size, interval, started) = (y[t], sinceLast, true);
            }
            else
            {
                size += alpha * (y[t] - size);
                interval += alpha * (sinceLast - interval);
            }
            sinceLast = 0;
        }
        return Rate(size, interval);
    }

    private double Rate(double size, double interval) =>
        size / interval * (variant == CrostonVariant.Sba ? 1 - alpha / 2 : 1);

    private double RunTsb(IReadOnlyList<double> y, double[] fitted)
    {
        var first = y.ToList().FindIndex(v => v > 0);
        double size = y[first];
        var probability = y.Count(v => v > 0) / (double)y.Count;
        for (var t = 0; t < y.Count; t++)
        {
            fitted[t] = t <= first ? double.NaN : probability * size;
            if (t < first)
            {
                continue;
            }
            var occurred = y[t] > 0;
            probability += beta * ((occurred ? 1 : 0) - probability);
            if (occurred && t > first)
            {
                size += alpha * (y[t] - size);
            }
        }
        return probability * size;
    }

    private static IReadOnlyList<PredictionInterval> BootstrapIntervals(IReadOnlyList<double> y, double[] fitted, double rate, int horizon, IReadOnlyList<double> levels)
    {
        var errors = y.Select((v, t) => v - fitted[t]).Where(double.IsFinite).ToArray();
        if (errors.Length == 0)
        {
            errors = [0];
        }
        var outcomes = errors.Select(e => Math.Max(0, rate + e)).Order().ToArray();
        return [.. levels.Select(level =>
        {
            var tail = (1 - level / 100) / 2;
            var lower = Intervals.SortedQuantile(outcomes, tail);
            var upper = Intervals.SortedQuantile(outcomes, 1 - tail);
            return new PredictionInterval(level, Enumerable.Repeat(Math.Min(lower, rate), horizon).ToArray(), Enumerable.Repeat(Math.Max(upper, rate), horizon).ToArray());
        })];
    }
}
