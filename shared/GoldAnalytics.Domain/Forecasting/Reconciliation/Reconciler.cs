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

    /// <summary>Minimum trace with the shrunk covariance of the base forecasts' errors (Wickramasuriya, Athanasopoulos and Hyndman 2019): in-sample one-step errors, or errors at back-test origins shared by every node.</summary>
    MinTShrink,
}

/// <summary>Reconciles base forecasts (nodes × horizon, rows in <see cref="Hierarchy.Nodes"/> order) into coherent forecasts.</summary>
public static class Reconciler
{
    /// <summary>
    /// Coherent forecasts for every node. MinT needs <paramref name="residuals"/> (nodes × periods of forecast errors
    /// made in the same periods for every node); the other methods ignore it.
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
        return MinimumTrace(hierarchy, baseForecasts, ShrunkCovariance(residuals ?? throw new ArgumentException("MinT needs the in-sample one-step errors of every node.", nameof(residuals))));
    }

    /// <summary>
    /// Minimum-trace reconciliation for a given covariance W of the base forecast errors (nodes × nodes, positive
    /// definite); throws when W is not.
    /// </summary>
    public static Matrix<double> MinimumTrace(Hierarchy hierarchy, Matrix<double> baseForecasts, Matrix<double> covariance)
    {
        // S(S'W⁻¹S)⁻¹S'W⁻¹ŷ equals ŷ − WU(U'WU)⁻¹U'ŷ with U' = [I  −C] the aggregation constraints (C: aggregates × bottom),
        // which needs no inverse of W and only an aggregates × aggregates system (Wickramasuriya et al. 2019, eq. 9).
        var s = hierarchy.Summing;
        var (nodes, bottom) = (s.RowCount, s.ColumnCount);
        var aggregates = nodes - bottom;
        var children = Enumerable.Range(0, aggregates)
            .Select(row => Enumerable.Range(0, bottom).Where(column => s[row, column] != 0).ToArray())
            .ToArray();
        // WU = W[:, aggregates] − W[:, bottom] C': each column sums the W columns of the aggregate's bottom series.
        var wu = covariance.SubMatrix(0, nodes, 0, aggregates);
        for (var a = 0; a < aggregates; a++)
        {
            foreach (var b in children[a])
            {
                for (var row = 0; row < nodes; row++)
                {
                    wu[row, a] -= covariance[row, aggregates + b];
                }
            }
        }

        var constraints = Incoherence(children, wu, aggregates);
        var gaps = Incoherence(children, baseForecasts, aggregates);
        return baseForecasts - wu * constraints.Cholesky().Solve(gaps);
    }

    // U'X = X[aggregates] − C X[bottom]: how far each aggregate row of X is from the sum of its bottom rows.
    private static Matrix<double> Incoherence(int[][] children, Matrix<double> x, int aggregates)
    {
        var gaps = x.SubMatrix(0, aggregates, 0, x.ColumnCount);
        for (var a = 0; a < aggregates; a++)
        {
            foreach (var b in children[a])
            {
                for (var column = 0; column < x.ColumnCount; column++)
                {
                    gaps[a, column] -= x[aggregates + b, column];
                }
            }
        }

        return gaps;
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
        // λ = Σ_{i≠j} Var(r_ij) / Σ_{i≠j} r_ij² on standardised errors; the sum over pairs is symmetric, so each pair is visited once.
        var z = new double[n][];
        for (var i = 0; i < n; i++)
        {
            z[i] = [.. Enumerable.Range(0, t).Select(k => sd[i] == 0 ? 0 : centred[i, k] / sd[i])];
        }

        double numerator = 0, denominator = 0;
        for (var i = 0; i < n; i++)
        {
            if (sd[i] == 0)
            {
                continue;
            }

            for (var j = i + 1; j < n; j++)
            {
                if (sd[j] == 0)
                {
                    continue;
                }

                double sum = 0, squares = 0;
                for (var k = 0; k < t; k++)
                {
                    var w = z[i][k] * z[j][k];
                    sum += w;
                    squares += w * w;
                }

                var r = sum / t;
                numerator += 2 * Math.Max(squares - t * r * r, 0) * t / Math.Pow(t - 1, 3);
                denominator += 2 * r * r;
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
