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
        double level = p.Level, trend = p.Trend;
        var season = form.HasSeason ? p.Seasonal.ToArray() : [];
        var period = form.HasSeason ? m : 1;
        var phi = form.Damped ? p.Phi : 1.0;
        double sumSquares = 0, sumLog = 0;
        var multiplicativeError = form.Error == Component.Multiplicative;

        for (var t = 0; t < y.Length; t++)
        {
            var q = form.HasTrend ? level + phi * trend : level;
            var s = form.HasSeason ? season[t % period] : 0;
            var forecast = form.Season switch
            {
                Component.Additive => q + s,
                Component.Multiplicative => q * s,
                _ => q,
            };
            if (multiplicativeError || form.Season == Component.Multiplicative)
            {
                if (!(forecast > 1e-10) || !(q > 1e-10))
                {
                    return new Filtered(false, double.PositiveInfinity, 0, level, trend, season);
                }
            }

            var error = multiplicativeError ? (y[t] - forecast) / forecast : y[t] - forecast;
            sumSquares += error * error;
            if (multiplicativeError)
            {
                sumLog += Math.Log(Math.Abs(forecast));
            }
            if (errors is not null)
            {
                errors[t] = error;
            }

            Update(form, p, ref level, ref trend, season, t % period, y[t], q, s);
        }
        return new Filtered(double.IsFinite(sumSquares), sumSquares, sumLog, level, trend, season);
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
