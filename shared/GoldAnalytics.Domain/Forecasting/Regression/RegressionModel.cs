using GoldAnalytics.Domain.Forecasting.Models;

namespace GoldAnalytics.Domain.Forecasting.Regression;

/// <summary>
/// Linear regression on a trend, Fourier terms for the season (number of harmonics K chosen by AICc, as R's
/// tslm with fourier()) and a dummy per festival the AICc keeps; prediction intervals from the regression's standard errors.
/// </summary>
/// <param name="festivalPenalty">AICc a festival dummy must save beyond its own parameter to enter (0: plain AICc).</param>
public sealed class RegressionModel(int maxHarmonics = 10, int? harmonics = null, double festivalPenalty = 0) : IForecastModel, ISpecifiable
{
    public string Name => "Regression";

    public ModelOutcome Forecast(SeriesInput series, int horizon, IReadOnlyList<double> levels)
    {
        var n = series.Length;
        if (series.IsConstant())
        {
            return ModelOutcome.CannotFit(Name, series.IsAllZeros() ? "all zeros" : "constant series");
        }
        var festivals = FestivalRegressors.For(series.Festivals, n);
        if (festivals.Any(f => f.Active.Count < n + horizon))
        {
            return ModelOutcome.CannotFit(Name, "a festival calendar does not cover the forecast horizon");
        }
        var best = Best(series, festivals);
        return best is null
            ? ModelOutcome.CannotFit(Name, "too short for a trend regression")
            : ModelOutcome.Of(best.Forecast(Specification(best), horizon, levels));
    }

    public IForecastModel? Specify(SeriesInput series)
    {
        if (harmonics is not null || series.IsConstant())
        {
            return harmonics is null ? null : this;
        }
        return Best(series, FestivalRegressors.For(series.Festivals, series.Length)) is { } fit ? new RegressionModel(maxHarmonics, fit.Harmonics, festivalPenalty) : null;
    }

    // The stored specification names the harmonics and the festival dummies, so a reader sees which festivals the forecast carries.
    private string Specification(RegressionFit fit) => fit.Festivals.Count == 0
        ? $"{Name}(K={fit.Harmonics})"
        : $"{Name}(K={fit.Harmonics}; {string.Join(", ", fit.Festivals.Select(f => f.Name))})";

    private RegressionFit? Best(SeriesInput series, List<Festival> festivals)
    {
        var m = series.SeasonalPeriod;
        var n = series.Length;
        int[] candidates = harmonics is { } fixedHarmonics ? [fixedHarmonics]
            : m >= 2 && n >= 2 * m ? [.. Enumerable.Range(0, Math.Min(m / 2, maxHarmonics) + 1)] : [0];
        // One design and cross-product matrix with the most harmonics serves every candidate K as a sub-block.
        var design = new TrendDesign(series.ToArray(), m, candidates.Max(), festivals);
        RegressionFit? best = null;
        foreach (var k in candidates)
        {
            var fit = WithFestivals(design, k, festivals.Count, festivalPenalty);
            if (fit is not null && (best is null || fit.Aicc < best.Aicc))
            {
                best = fit;
            }
        }
        return best;
    }

    // Forward selection by AICc: a festival enters only when its dummy pays for its parameter. A festival seen in three
    // weeks of a slow SKU's history would otherwise fit noise and carry it into every future festival week.
    private static RegressionFit? WithFestivals(TrendDesign design, int harmonics, int festivals, double penalty)
    {
        var chosen = new List<int>();
        var fit = design.Estimate(harmonics, chosen);
        while (fit is not null)
        {
            RegressionFit? better = null;
            var next = -1;
            for (var f = 0; f < festivals; f++)
            {
                if (chosen.Contains(f))
                {
                    continue;
                }

                var candidate = design.Estimate(harmonics, [.. chosen, f]);
                if (candidate is not null && candidate.Aicc < (better?.Aicc ?? fit.Aicc - penalty))
                {
                    (better, next) = (candidate, f);
                }
            }

            if (better is null)
            {
                break;
            }

            (fit, chosen) = (better, [.. chosen, next]);
        }

        return fit;
    }
}
