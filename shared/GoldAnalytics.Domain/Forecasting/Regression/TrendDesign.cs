using GoldAnalytics.Domain.Forecasting.Models;
using GoldAnalytics.Domain.Forecasting.Optimisation;

namespace GoldAnalytics.Domain.Forecasting.Regression;

/// <summary>
/// Regressors of a trend regression (intercept, time, K Fourier pairs, festival dummies) for one series, with their
/// cross-products computed once for the largest K: a fit with fewer harmonics uses a sub-block of them.
/// </summary>
internal sealed class TrendDesign
{
    private readonly double[] _y;
    private readonly int _period;
    private readonly int _maxHarmonics;
    private readonly IReadOnlyList<Festival> _festivals;
    private readonly double[,] _x;
    private readonly double[,] _gram;
    private readonly double[] _xty;

    public TrendDesign(double[] y, int period, int maxHarmonics, IReadOnlyList<Festival> festivals)
    {
        _y = y;
        _period = period;
        _maxHarmonics = maxHarmonics;
        _festivals = festivals;
        var n = y.Length;
        var columns = 2 + 2 * maxHarmonics + festivals.Count;
        _x = new double[n, columns];
        for (var t = 0; t < n; t++)
        {
            for (var j = 0; j < columns; j++)
            {
                _x[t, j] = Regressor(t, j, period, maxHarmonics, festivals);
            }
        }
        _gram = new double[columns, columns];
        _xty = new double[columns];
        for (var t = 0; t < n; t++)
        {
            for (var i = 0; i < columns; i++)
            {
                var xi = _x[t, i];
                _xty[i] += xi * y[t];
                for (var j = 0; j <= i; j++)
                {
                    _gram[i, j] += xi * _x[t, j];
                }
            }
        }
    }

    /// <summary>Least squares with <paramref name="harmonics"/> Fourier pairs and the festivals at <paramref name="festivals"/>; null when too short or the regressors are collinear.</summary>
    public RegressionFit? Estimate(int harmonics, IReadOnlyList<int> festivals)
    {
        var n = _y.Length;
        var used = Columns(harmonics, festivals);
        var columns = used.Length;
        if (n <= columns + 2)
        {
            return null;
        }
        var factor = new double[columns, columns];
        for (var i = 0; i < columns; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                factor[i, j] = _gram[used[i], used[j]];
            }
        }
        if (!Cholesky.Factor(factor))
        {
            // Collinear regressors (e.g. a festival that always coincides with a season): this specification is skipped.
            return null;
        }
        var beta = new double[columns];
        for (var i = 0; i < columns; i++)
        {
            beta[i] = _xty[used[i]];
        }
        Cholesky.Solve(factor, beta);
        var sse = 0.0;
        for (var t = 0; t < n; t++)
        {
            var residual = _y[t];
            for (var j = 0; j < columns; j++)
            {
                residual -= _x[t, used[j]] * beta[j];
            }
            sse += residual * residual;
        }
        var k = columns + 1;
        var aicc = n * Math.Log(Math.Max(sse / n, 1e-300)) + 2 * k + 2.0 * k * (k + 1) / (n - k - 1);
        return new RegressionFit(n, _period, harmonics, [.. festivals.Select(f => _festivals[f])], beta, factor, sse / (n - columns), n - columns, aicc);
    }

    /// <summary>The value of regressor <paramref name="j"/> at time <paramref name="t"/> (0-based) in a design with <paramref name="harmonics"/> pairs.</summary>
    public static double Regressor(int t, int j, int m, int harmonics, IReadOnlyList<Festival> festivals)
    {
        if (j == 0)
        {
            return 1;
        }
        if (j == 1)
        {
            return t + 1;
        }
        var f = j - 2;
        if (f < 2 * harmonics)
        {
            var k = f / 2 + 1;
            var angle = 2 * Math.PI * k * (t + 1) / m;
            return f % 2 == 0 ? Math.Sin(angle) : Math.Cos(angle);
        }
        return festivals[f - 2 * harmonics].Active[t] ? 1 : 0;
    }

    private int[] Columns(int harmonics, IReadOnlyList<int> festivals)
    {
        var used = new int[2 + 2 * harmonics + festivals.Count];
        for (var j = 0; j < 2 + 2 * harmonics; j++)
        {
            used[j] = j;
        }
        for (var f = 0; f < festivals.Count; f++)
        {
            used[2 + 2 * harmonics + f] = 2 + 2 * _maxHarmonics + festivals[f];
        }
        return used;
    }
}
