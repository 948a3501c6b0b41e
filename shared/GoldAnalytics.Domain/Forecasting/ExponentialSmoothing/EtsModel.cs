using GoldAnalytics.Domain.Forecasting.Models;

namespace GoldAnalytics.Domain.Forecasting.ExponentialSmoothing;

/// <summary>Exponential smoothing: one fixed form, or automatic choice among R's default forms by AICc.</summary>
public sealed class EtsModel(EtsForm? form = null) : IForecastModel, ISpecifiable
{
    /// <summary>Seasonal ETS is not used beyond this period (as R's ets): too many initial states to estimate.</summary>
    public const int MaxSeasonalPeriod = 24;

    // The fit made while specifying, kept so that forecasting the same series does not estimate it again. A shorter
    // history (a back-test origin) is estimated afresh: started from these parameters, the simplex search ended at a
    // worse likelihood than from R's starting values more often than at a better one.
    private readonly FittedSeries<EtsFit>? _specified;

    private EtsModel(EtsFit fit, double[] values)
        : this(fit.Form)
    {
        _specified = new FittedSeries<EtsFit>(values, fit);
    }

    public string Name => form?.Name ?? "ETS";

    public ModelOutcome Forecast(SeriesInput series, int horizon, IReadOnlyList<double> levels)
    {
        if (Refusal(series) is { } reason)
        {
            return ModelOutcome.CannotFit(Name, reason);
        }
        var fit = _specified?.For(series.Values) ?? Select(series);
        return fit is null
            ? ModelOutcome.CannotFit(Name, "too short for any exponential smoothing form")
            : ModelOutcome.Of(fit.Forecast(horizon, levels, fit.Form.Name));
    }

    /// <summary>The fitted form with the lowest AICc (or the fixed form), null when none can be fitted.</summary>
    public EtsFit? Select(SeriesInput series)
    {
        var y = series.ToArray();
        var m = series.SeasonalPeriod;
        var seasonal = m > 1 && m <= MaxSeasonalPeriod && y.Length >= 2 * m;
        var forms = form is null ? EtsForm.Candidates(seasonal, series.IsStrictlyPositive()) : [form];
        EtsFit? best = null;
        foreach (var candidate in forms)
        {
            if (candidate.HasSeason && !seasonal)
            {
                continue;
            }
            var fit = EtsEstimator.Fit(candidate, y, m);
            if (fit is not null && double.IsFinite(fit.Aicc) && (best is null || fit.Aicc < best.Aicc))
            {
                best = fit;
            }
        }
        return best;
    }

    public IForecastModel? Specify(SeriesInput series)
    {
        if (form is not null)
        {
            return this;
        }
        return Refusal(series) is null && Select(series) is { } fit ? new EtsModel(fit, series.ToArray()) : null;
    }

    internal static string? Refusal(SeriesInput series) =>
        series.Length < 3 ? "too short: needs at least 3 observations"
        : series.IsAllZeros() ? "all zeros"
        : series.IsConstant() ? "constant series"
        : null;
}
