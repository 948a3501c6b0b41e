namespace GoldAnalytics.Domain.Forecasting.Arima;

/// <summary>Expanded AR and MA lag coefficients of a multiplicative seasonal ARMA, and their admissibility.</summary>
public static class ArimaPolynomials
{
    /// <summary>AR coefficients a[k] (k ≥ 1, a[0] unused) of (1 − Σφ_i B^i)(1 − ΣΦ_j B^{jm}) written as x_t = Σ a_k x_{t−k}.</summary>
    public static double[] Autoregressive(ReadOnlySpan<double> phi, ReadOnlySpan<double> seasonalPhi, int m)
    {
        var product = Multiply(Polynomial(phi, 1, -1), Polynomial(seasonalPhi, m, -1));
        for (var k = 0; k < product.Length; k++)
        {
            product[k] = -product[k];
        }
        return product;
    }

    /// <summary>MA coefficients b[k] (k ≥ 1) of (1 + Σθ_i B^i)(1 + ΣΘ_j B^{jm}).</summary>
    public static double[] MovingAverage(ReadOnlySpan<double> theta, ReadOnlySpan<double> seasonalTheta, int m) =>
        Multiply(Polynomial(theta, 1, 1), Polynomial(seasonalTheta, m, 1));

    /// <summary>True when x_t = Σ a_k x_{t−k} is stationary (all reflection coefficients inside the unit circle, Schur–Cohn step-down).</summary>
    public static bool IsStationary(ReadOnlySpan<double> coefficients)
    {
        var p = coefficients.Length;
        if (p == 0)
        {
            return true;
        }
        var a = coefficients.ToArray();
        for (var k = p; k >= 1; k--)
        {
            var kappa = a[k - 1];
            if (Math.Abs(kappa) >= 0.9999)
            {
                return false;
            }
            var next = new double[k - 1];
            for (var i = 0; i < k - 1; i++)
            {
                next[i] = (a[i] + kappa * a[k - 2 - i]) / (1 - kappa * kappa);
            }
            a = next;
        }
        return true;
    }

    /// <summary>MA polynomial 1 + Σθ_i B^i is invertible.</summary>
    public static bool IsInvertible(ReadOnlySpan<double> theta)
    {
        var negated = new double[theta.Length];
        for (var i = 0; i < theta.Length; i++)
        {
            negated[i] = -theta[i];
        }
        return IsStationary(negated);
    }

    /// <summary>ψ weights of the model with AR a (including differencing) and MA b: forecast error variance is σ²Σψ_j².</summary>
    public static double[] PsiWeights(double[] a, double[] b, int count)
    {
        var psi = new double[count];
        psi[0] = 1;
        for (var j = 1; j < count; j++)
        {
            var value = j < b.Length ? b[j] : 0;
            for (var i = 1; i < a.Length && i <= j; i++)
            {
                value += a[i] * psi[j - i];
            }
            psi[j] = value;
        }
        return psi;
    }

    // 1 + sign·Σ c_i B^{i·lag}
    private static double[] Polynomial(ReadOnlySpan<double> c, int lag, int sign)
    {
        var poly = new double[c.Length * lag + 1];
        poly[0] = 1;
        for (var i = 0; i < c.Length; i++)
        {
            poly[(i + 1) * lag] = sign * c[i];
        }
        return poly;
    }

    private static double[] Multiply(double[] a, double[] b) => Differencing.Multiply(a, b);
}
