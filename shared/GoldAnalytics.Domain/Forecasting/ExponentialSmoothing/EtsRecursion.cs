namespace GoldAnalytics.Domain.Forecasting.ExponentialSmoothing;

/// <summary>
/// The ETS state recursions (Hyndman et al. 2008, as in R's etscalc): the state updates do not depend on the
/// error type; only the likelihood does.
/// </summary>
public static class EtsRecursion
{
    /// <summary>Result of filtering a series: the sums the likelihood needs and the final states.</summary>
    public readonly record struct Filtered(bool Valid, double SumSquares, double SumLogForecast, double Level, double Trend, double[] Seasonal);

    /// <summary>Runs the model through the series; writes one-step errors into <paramref name="errors"/> when given.</summary>
    public static Filtered Run(EtsForm form, EtsParameters p, ReadOnlySpan<double> y, int m, double[]? errors = null)
    {
        var season = form.HasSeason ? p.Seasonal.ToArray() : [];
        var phi = form.Damped ? p.Phi : 1.0;
        var sums = Filter(form, p.Alpha, p.Beta, p.Gamma, phi, p.Level, p.Trend, season, y, m, errors);
        return new Filtered(sums.Valid, sums.SumSquares, sums.SumLogForecast, sums.Level, sums.Trend, season);
    }

    /// <summary>The sums of <see cref="Run"/> and the final level and trend; the seasonal states are updated in place.</summary>
    internal readonly record struct Sums(bool Valid, double SumSquares, double SumLogForecast, double Level, double Trend);

    // The optimiser's inner loop: same arithmetic as Update, without allocating parameters or states per evaluation.
    internal static Sums Filter(EtsForm form, double alpha, double beta, double gamma, double phi, double level, double trend, Span<double> season, ReadOnlySpan<double> y, int m, double[]? errors = null)
    {
        var period = form.HasSeason ? m : 1;
        var hasTrend = form.HasTrend;
        var hasSeason = form.HasSeason;
        var additiveSeason = form.Season == Component.Additive;
        var multiplicativeSeason = form.Season == Component.Multiplicative;
        var multiplicativeError = form.Error == Component.Multiplicative;
        var betaOverAlpha = beta / alpha;
        double sumSquares = 0, sumLog = 0, product = 1;
        var index = 0;

        for (var t = 0; t < y.Length; t++)
        {
            var q = hasTrend ? level + phi * trend : level;
            var s = hasSeason ? season[index] : 0;
            var forecast = additiveSeason ? q + s : multiplicativeSeason ? q * s : q;
            if (multiplicativeError || multiplicativeSeason)
            {
                if (!(forecast > 1e-10) || !(q > 1e-10))
                {
                    return new Sums(false, double.PositiveInfinity, 0, level, trend);
                }
            }

            var error = multiplicativeError ? (y[t] - forecast) / forecast : y[t] - forecast;
            sumSquares += error * error;
            if (multiplicativeError)
            {
                // Σ log f as the log of running products (forecasts are positive here): one logarithm per many steps.
                product *= forecast;
                if (product > 1e200 || product < 1e-200)
                {
                    sumLog += Math.Log(product);
                    product = 1;
                }
            }
            if (errors is not null)
            {
                errors[t] = error;
            }

            var deseasonalised = additiveSeason ? y[t] - s : multiplicativeSeason ? y[t] / s : y[t];
            var newLevel = q + alpha * (deseasonalised - q);
            if (hasTrend)
            {
                trend = phi * trend + betaOverAlpha * (newLevel - level - phi * trend);
            }
            if (hasSeason)
            {
                var observed = additiveSeason ? y[t] - q : y[t] / q;
                season[index] = s + gamma * (observed - s);
            }
            level = newLevel;
            if (++index == period)
            {
                index = 0;
            }
        }
        sumLog += Math.Log(product);
        return new Sums(double.IsFinite(sumSquares), sumSquares, sumLog, level, trend);
    }

    /// <summary>One-step forecast from the states: returns (level forecast q, seasonal state s, observation forecast).</summary>
    public static (double Q, double S, double Forecast) OneStep(EtsForm form, EtsParameters p, double level, double trend, double[] season, int index)
    {
        var q = form.HasTrend ? level + (form.Damped ? p.Phi : 1.0) * trend : level;
        var s = form.HasSeason ? season[index] : 0;
        var forecast = form.Season switch
        {
            Component.Additive => q + s,
            Component.Multiplicative => q * s,
            _ => q,
        };
        return (q, s, forecast);
    }

    /// <summary>Moves the states one step on after observing <paramref name="y"/>.</summary>
    public static void Update(EtsForm form, EtsParameters p, ref double level, ref double trend, double[] season, int index, double y, double q, double s)
    {
        var phi = form.Damped ? p.Phi : 1.0;
        var deseasonalised = form.Season switch
        {
            Component.Additive => y - s,
            Component.Multiplicative => y / s,
            _ => y,
        };
        var newLevel = q + p.Alpha * (deseasonalised - q);
        if (form.HasTrend)
        {
            trend = phi * trend + p.Beta / p.Alpha * (newLevel - level - phi * trend);
        }
        if (form.HasSeason)
        {
            var observed = form.Season == Component.Additive ? y - q : y / q;
            season[index] = s + p.Gamma * (observed - s);
        }
        level = newLevel;
    }

    /// <summary>Deterministic point forecasts from the final states of a series of length <paramref name="n"/>.</summary>
    public static double[] Forecast(EtsForm form, EtsParameters p, Filtered end, int n, int m, int horizon)
    {
        var point = new double[horizon];
        var phi = form.Damped ? p.Phi : 1.0;
        var damping = 0.0;
        var power = 1.0;
        for (var h = 1; h <= horizon; h++)
        {
            power *= phi;
            damping += power;
            var q = form.HasTrend ? end.Level + damping * end.Trend : end.Level;
            var s = form.HasSeason ? end.Seasonal[(n + h - 1) % m] : 0;
            point[h - 1] = form.Season switch
            {
                Component.Additive => q + s,
                Component.Multiplicative => q * s,
                _ => q,
            };
        }
        return point;
    }
}
