namespace GoldAnalytics.Domain.Forecasting.Arima;

/// <summary>Expanded AR and MA lag coefficients of a multiplicative seasonal ARMA, and their admissibility.</summary>
public static class ArimaPolynomials
{
    /// <summary>AR coefficients a[k] (k ≥ 1, a[0] unused) of (1 − Σφ_i B^i)(1 − ΣΦ_j B^{jm}) written as x_t = Σ a_k x_{t−k}.</summary>
    public static double[] Autoregressive(ReadOnlySpan<double> phi, ReadOnlySpan<double> seasonalPhi, int m)
    {
        var product = new double[phi.Length + seasonalPhi.Length * m + 1];
        Autoregressive(phi, seasonalPhi, m, product);
        return product;
    }

    /// <summary>MA coefficients b[k] (k ≥ 1) of (1 + Σθ_i B^i)(1 + ΣΘ_j B^{jm}).</summary>
    public static double[] MovingAverage(ReadOnlySpan<double> theta, ReadOnlySpan<double> seasonalTheta, int m)
    {
        var product = new double[theta.Length + seasonalTheta.Length * m + 1];
        MovingAverage(theta, seasonalTheta, m, product);
        return product;
    }

    // Into a buffer of length p + P·m + 1, so the estimator's objective does not allocate per evaluation.
    internal static void Autoregressive(ReadOnlySpan<double> phi, ReadOnlySpan<double> seasonalPhi, int m, Span<double> product)
    {
        Product(phi, seasonalPhi, m, -1, product);
        for (var k = 0; k < product.Length; k++)
        {
            product[k] = -product[k];
        }
    }

    internal static void MovingAverage(ReadOnlySpan<double> theta, ReadOnlySpan<double> seasonalTheta, int m, Span<double> product) =>
        Product(theta, seasonalTheta, m, 1, product);

    /// <summary>True when x_t = Σ a_k x_{t−k} is stationary (all reflection coefficients inside the unit circle, Schur–Cohn step-down).</summary>
    public static bool IsStationary(ReadOnlySpan<double> coefficients)
    {
        var p = coefficients.Length;
        if (p == 0)
        {
            return true;
        }
        Span<double> a = stackalloc double[p];
        Span<double> next = stackalloc double[p];
        coefficients.CopyTo(a);
        for (var k = p; k >= 1; k--)
        {
            var kappa = a[k - 1];
            if (Math.Abs(kappa) >= 0.9999)
            {
                return false;
            }
            for (var i = 0; i < k - 1; i++)
            {
                next[i] = (a[i] + kappa * a[k - 2 - i]) / (1 - kappa * kappa);
            }
            next[..(k - 1)].CopyTo(a);
        }
        return true;
    }

    /// <summary>MA polynomial 1 + Σθ_i B^i is invertible.</summary>
    public static bool IsInvertible(ReadOnlySpan<double> theta)
    {
        Span<double> negated = stackalloc double[theta.Length];
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

    // (1 + sign·Σ c_i B^i)(1 + sign·Σ C_j B^{jm}), multiplied term by term as Differencing.Multiply does.
    private static void Product(ReadOnlySpan<double> regular, ReadOnlySpan<double> seasonal, int m, int sign, Span<double> product)
    {
        Span<double> a = stackalloc double[regular.Length + 1];
        Span<double> b = stackalloc double[seasonal.Length * m + 1];
        Polynomial(regular, 1, sign, a);
        Polynomial(seasonal, m, sign, b);
        product.Clear();
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = 0; j < b.Length; j++)
            {
                product[i + j] += a[i] * b[j];
            }
        }
    }

    // 1 + sign·Σ c_i B^{i·lag}
    private static void Polynomial(ReadOnlySpan<double> c, int lag, int sign, Span<double> poly)
    {
        poly.Clear();
        poly[0] = 1;
        for (var i = 0; i < c.Length; i++)
        {
            poly[(i + 1) * lag] = sign * c[i];
        }
    }
}
