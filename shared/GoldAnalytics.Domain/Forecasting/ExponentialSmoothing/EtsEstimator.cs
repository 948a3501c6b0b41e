using GoldAnalytics.Domain.Forecasting.Decomposition;
using GoldAnalytics.Domain.Forecasting.Optimisation;

namespace GoldAnalytics.Domain.Forecasting.ExponentialSmoothing;

/// <summary>What the estimator minimises: the likelihood (default, as R's ets) or the in-sample MSE (used by Theta's SES).</summary>
public enum EtsCriterion
{
    Likelihood,
    MeanSquaredError,
}

/// <summary>Maximum likelihood estimation of an ETS form's smoothing parameters and initial states by Nelder–Mead.</summary>
public static class EtsEstimator
{
    private const double Lower = 1e-4;
    private const double Upper = 0.9999;

    public static EtsFit? Fit(EtsForm form, double[] y, int m, EtsCriterion criterion = EtsCriterion.Likelihood)
    {
        var period = form.HasSeason ? m : 1;
        var n = y.Length;
        var k = form.ParameterCount(period);
        if (n <= k + 3 || (form.HasSeason && n < 2 * m))
        {
            return null;
        }

        var initial = InitialParameters(form, y, period);
        var scale = Math.Max(y.Select(Math.Abs).Average(), 1e-8);
        var vector = Pack(form, initial, scale);
        var steps = Steps(form, vector);
        var season = new double[form.HasSeason ? period : 0];
        double Objective(double[] v)
        {
            if (!TryUnpack(form, v, period, scale, season, out var p))
            {
                return double.PositiveInfinity;
            }
            var run = EtsRecursion.Filter(form, p.Alpha, p.Beta, p.Gamma, p.Phi, p.Level, p.Trend, season, y, period);
            return run.Valid ? Criterion(form, criterion, run.SumSquares, run.SumLogForecast, n) : double.PositiveInfinity;
        }

        var best = StartingBasins(form, initial, scale, vector, steps, Objective);
        // A restart from the optimum escapes the simplex collapse that Nelder–Mead is prone to.
        var (point, value) = NelderMead.Minimise(Objective, best, Steps(form, best), maxEvaluations: 100 * vector.Length);
        var parameters = Unpack(form, point, period, scale);
        if (parameters is null || !double.IsFinite(value))
        {
            return null;
        }
        return EtsFit.Create(form, parameters, y, period);
    }

    private static double[] StartingBasins(EtsForm form, EtsParameters initial, double scale, double[] vector, double[] steps, Func<double[], double> objective)
    {
        var (best, bestValue) = NelderMead.Minimise(objective, vector, steps, maxEvaluations: 200 * vector.Length);
        if (form.HasSeason)
        {
            // Seasonal likelihoods often have two basins: a fixed season (γ ≈ 0) and a fast-moving one; start in both.
            var fastSeason = Pack(form, initial with { Alpha = 0.2, Beta = form.HasTrend ? 0.01 : initial.Beta, Gamma = 0.5 }, scale);
            var (other, otherValue) = NelderMead.Minimise(objective, fastSeason, steps, maxEvaluations: 200 * vector.Length);
            if (otherValue < bestValue)
            {
                best = other;
            }
        }
        return best;
    }

    private static double Criterion(EtsForm form, EtsCriterion criterion, double sumSquares, double sumLogForecast, int n) => criterion switch
    {
        EtsCriterion.MeanSquaredError when form.Error == Component.Additive => sumSquares / n,
        _ => n * Math.Log(Math.Max(sumSquares, 1e-300)) + 2 * sumLogForecast,
    };

    // Initial values as R's initstate and initparam: seasonal indices from a classical decomposition of the first
    // three seasons, level and trend from a regression on the first ten (or two seasons of) adjusted observations.
    private static EtsParameters InitialParameters(EtsForm form, double[] y, int m)
    {
        var seasonal = new double[m];
        var adjusted = (double[])y.Clone();
        if (form.HasSeason)
        {
            var multiplicative = form.Season == Component.Multiplicative;
            var window = y.AsSpan(0, Math.Min(y.Length, 3 * m));
            var indices = ClassicalDecomposition.SeasonalIndices(window, m, multiplicative);
            for (var j = 0; j < m; j++)
            {
                seasonal[j] = multiplicative ? Math.Max(indices[j], 0.01) : indices[j];
            }
            for (var t = 0; t < y.Length; t++)
            {
                adjusted[t] = multiplicative ? y[t] / seasonal[t % m] : y[t] - seasonal[t % m];
            }
        }
        var count = Math.Min(Math.Max(10, 2 * m), y.Length);
        double level, trend = 0;
        if (form.HasTrend)
        {
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            for (var t = 1; t <= count; t++)
            {
                sx += t;
                sy += adjusted[t - 1];
                sxx += t * t;
                sxy += t * adjusted[t - 1];
            }
            trend = (count * sxy - sx * sy) / (count * sxx - sx * sx);
            level = (sy - trend * sx) / count;
        }
        else
        {
            level = adjusted.Take(count).Average();
        }

        var alpha = Lower + 0.2 * (Upper - Lower) / m;
        var beta = Lower + 0.1 * (alpha - Lower);
        var gamma = Lower + 0.05 * (1 - alpha - Lower);
        return new EtsParameters(alpha, beta, gamma, 0.978, level, trend, seasonal);
    }

    // Vector layout: alpha, [beta], [gamma], [phi], level/scale, [trend/scale], [first m−1 seasonal states].
    private static double[] Pack(EtsForm form, EtsParameters p, double scale)
    {
        var v = new List<double> { p.Alpha };
        if (form.HasTrend)
        {
            v.Add(p.Beta);
        }
        if (form.HasSeason)
        {
            v.Add(p.Gamma);
        }
        if (form.Damped)
        {
            v.Add(p.Phi);
        }
        v.Add(p.Level / scale);
        if (form.HasTrend)
        {
            v.Add(p.Trend / scale);
        }
        if (form.HasSeason)
        {
            var additive = form.Season == Component.Additive;
            v.AddRange(p.Seasonal.Take(p.Seasonal.Count - 1).Select(s => additive ? s / scale : s));
        }
        return [.. v];
    }

    private static EtsParameters? Unpack(EtsForm form, double[] v, int m, double scale)
    {
        var seasonal = new double[form.HasSeason ? m : 0];
        return TryUnpack(form, v, m, scale, seasonal, out var p)
            ? new EtsParameters(p.Alpha, p.Beta, p.Gamma, p.Phi, p.Level, p.Trend, seasonal)
            : null;
    }

    /// <summary>Smoothing parameters and initial level and trend; the initial seasonal states go into <paramref name="seasonal"/>.</summary>
    private readonly record struct Unpacked(double Alpha, double Beta, double Gamma, double Phi, double Level, double Trend);

    private static bool TryUnpack(EtsForm form, double[] v, int m, double scale, Span<double> seasonal, out Unpacked unpacked)
    {
        unpacked = default;
        var i = 0;
        var alpha = v[i++];
        var beta = form.HasTrend ? v[i++] : 0;
        var gamma = form.HasSeason ? v[i++] : 0;
        var phi = form.Damped ? v[i++] : 1;
        if (alpha < Lower || alpha > Upper
            || (form.HasTrend && (beta < Lower || beta > alpha))
            || (form.HasSeason && (gamma < Lower || gamma > 1 - alpha))
            || (form.Damped && (phi < 0.8 || phi > 0.98)))
        {
            return false;
        }
        var level = v[i++] * scale;
        var trend = form.HasTrend ? v[i++] * scale : 0;
        if (form.HasSeason)
        {
            var additive = form.Season == Component.Additive;
            var sum = 0.0;
            for (var j = 0; j < m - 1; j++)
            {
                seasonal[j] = additive ? v[i++] * scale : v[i++];
                sum += seasonal[j];
            }
            // The last state is fixed by normalisation: additive seasons sum to zero, multiplicative ones to m.
            seasonal[m - 1] = additive ? -sum : m - sum;
            if (!additive)
            {
                foreach (var s in seasonal)
                {
                    if (s <= 1e-3)
                    {
                        return false;
                    }
                }
            }
        }
        unpacked = new Unpacked(alpha, beta, gamma, phi, level, trend);
        return true;
    }

    // Smoothing parameters get absolute steps of a tenth of their range so the simplex can reach a fast-moving
    // season (γ near 0.7) from R's small starting values; states get a tenth of their size.
    private static double[] Steps(EtsForm form, double[] v)
    {
        var smoothing = 1 + (form.HasTrend ? 1 : 0) + (form.HasSeason ? 1 : 0) + (form.Damped ? 1 : 0);
        var steps = new double[v.Length];
        for (var j = 0; j < v.Length; j++)
        {
            steps[j] = j < smoothing ? 0.1 : Math.Max(0.1 * Math.Abs(v[j]), 0.01);
        }
        if (form.HasTrend)
        {
            steps[1] = 0.02;
        }
        if (form.Damped)
        {
            steps[smoothing - 1] = 0.02;
        }
        return steps;
    }
}
