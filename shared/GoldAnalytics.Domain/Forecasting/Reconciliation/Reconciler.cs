using MathNet.Numerics.LinearAlgebra;

namespace GoldAnalytics.Domain.Forecasting.Reconciliation;

/// <summary>How base forecasts of every node are made to add up.</summary>
public enum ReconciliationMethod
{
    /// <summary>Forecast the bottom series only and sum them up.</summary>
    BottomUp,

    /// <summary>Orthogonal projection onto coherent forecasts: S(S'S)⁻¹S'ŷ.</summary>
    Ols,

    /// <summary>Weighted by the number of bottom series under each node (structural scaling, Athanasopoulos et al. 2017).</summary>
    WlsStructural,

    /// <summary>Minimum trace with the shrunk covariance of in-sample one-step errors (Wickramasuriya, Athanasopoulos and Hyndman 2019).</summary>
    MinTShrink,
}

/// <summary>Reconciles base forecasts (nodes × horizon, rows in <see cref="Hierarchy.Nodes"/> order) into coherent forecasts.</summary>
public static class Reconciler
{
    /// <summary>
    /// Coherent forecasts for every node. MinT needs <paramref name="residuals"/> (nodes × periods of in-sample
    /// one-step errors); the other methods ignore it.
    /// </summary>
    public static Matrix<double> Reconcile(Hierarchy hierarchy, Matrix<double> baseForecasts, ReconciliationMethod method, Matrix<double>? residuals = null)
    {
        var s = hierarchy.Summing;
        if (baseForecasts.RowCount != s.RowCount)
        {
            throw new ArgumentException($"Base forecasts have {baseForecasts.RowCount} rows; the hierarchy has {s.RowCount} nodes.", nameof(baseForecasts));
        }
        if (method == ReconciliationMethod.BottomUp)
        {
            return s * baseForecasts.SubMatrix(s.RowCount - s.ColumnCount, s.ColumnCount, 0, baseForecasts.ColumnCount);
        }
        if (method is ReconciliationMethod.Ols or ReconciliationMethod.WlsStructural)
        {
            var weights = method == ReconciliationMethod.Ols ? s.RowSums().Map(_ => 1.0) : s.RowSums().Map(n => 1 / n);
            return ReconcileDiagonal(s, weights, baseForecasts);
        }
        var precision = ShrunkCovariance(residuals ?? throw new ArgumentException("MinT needs the in-sample one-step errors of every node.", nameof(residuals))).Inverse();
        // ỹ = S (S'W⁻¹S)⁻¹ S'W⁻¹ ŷ
        var weighted = s.TransposeThisAndMultiply(precision);
        return s * (weighted * s).Solve(weighted * baseForecasts);
    }

    // With a diagonal W⁻¹ the products with S only visit its ones (a handful per bottom column), so S'W⁻¹S and S'W⁻¹ŷ
    // are accumulated row by row instead of multiplying dense nodes × nodes matrices; S'W⁻¹S is symmetric positive definite.
    private static Matrix<double> ReconcileDiagonal(Matrix<double> s, Vector<double> weights, Matrix<double> baseForecasts)
    {
        var horizon = baseForecasts.ColumnCount;
        var ones = Enumerable.Range(0, s.RowCount)
            .Select(row => Enumerable.Range(0, s.ColumnCount).Where(column => s[row, column] != 0).ToArray())
            .ToArray();
        var normal = Matrix<double>.Build.Dense(s.ColumnCount, s.ColumnCount);
        var right = Matrix<double>.Build.Dense(s.ColumnCount, horizon);
        for (var row = 0; row < s.RowCount; row++)
        {
            var weight = weights[row];
            foreach (var i in ones[row])
            {
                foreach (var j in ones[row])
                {
                    normal[i, j] += weight * s[row, i] * s[row, j];
                }
                for (var h = 0; h < horizon; h++)
                {
                    right[i, h] += weight * s[row, i] * baseForecasts[row, h];
                }
            }
        }
        var bottom = normal.Cholesky().Solve(right);
        var coherent = Matrix<double>.Build.Dense(s.RowCount, horizon);
        for (var row = 0; row < s.RowCount; row++)
        {
            foreach (var i in ones[row])
            {
                for (var h = 0; h < horizon; h++)
                {
                    coherent[row, h] += s[row, i] * bottom[i, h];
                }
            }
        }
        return coherent;
    }

    /// <summary>Schäfer–Strimmer shrinkage of the sample covariance towards its diagonal, with the optimal intensity λ.</summary>
    public static Matrix<double> ShrunkCovariance(Matrix<double> residuals)
    {
        var n = residuals.RowCount;
        var t = residuals.ColumnCount;
        var centred = residuals.Clone();
        for (var i = 0; i < n; i++)
        {
            var mean = centred.Row(i).Average();
            centred.SetRow(i, centred.Row(i).Subtract(mean));
        }
        var covariance = centred * centred.Transpose() / t;
        var sd = covariance.Diagonal().Map(Math.Sqrt);
        // λ = Σ_{i≠j} Var(r_ij) / Σ_{i≠j} r_ij² on standardised errors.
        double numerator = 0, denominator = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i == j || sd[i] == 0 || sd[j] == 0)
                {
                    continue;
                }
                var products = Enumerable.Range(0, t).Select(k => centred[i, k] / sd[i] * (centred[j, k] / sd[j])).ToArray();
                var r = products.Average();
                numerator += products.Sum(w => (w - r) * (w - r)) * t / Math.Pow(t - 1, 3);
                denominator += r * r;
            }
        }
        var lambda = denominator == 0 ? 1 : Math.Clamp(numerator / denominator, 0, 1);
        var shrunk = covariance * (1 - lambda);
        for (var i = 0; i < n; i++)
        {
            shrunk[i, i] = Math.Max(covariance[i, i], 1e-12);
        }
        return shrunk;
    }
}
