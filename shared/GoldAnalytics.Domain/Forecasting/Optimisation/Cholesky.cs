namespace GoldAnalytics.Domain.Forecasting.Optimisation;

/// <summary>In-place Cholesky factorisation of a small symmetric positive definite matrix (lower triangle) and its solves.</summary>
internal static class Cholesky
{
    /// <summary>Overwrites the lower triangle of <paramref name="a"/> with L (A = LLᵀ); false when A is not positive definite.</summary>
    public static bool Factor(double[,] a)
    {
        var n = a.GetLength(0);
        for (var j = 0; j < n; j++)
        {
            var d = a[j, j];
            for (var k = 0; k < j; k++)
            {
                d -= a[j, k] * a[j, k];
            }
            if (!(d > 0))
            {
                return false;
            }
            var pivot = Math.Sqrt(d);
            a[j, j] = pivot;
            for (var i = j + 1; i < n; i++)
            {
                var s = a[i, j];
                for (var k = 0; k < j; k++)
                {
                    s -= a[i, k] * a[j, k];
                }
                a[i, j] = s / pivot;
            }
        }
        return true;
    }

    /// <summary>Solves LLᵀx = b in place.</summary>
    public static void Solve(double[,] l, double[] b)
    {
        ForwardSubstitute(l, b);
        var n = b.Length;
        for (var i = n - 1; i >= 0; i--)
        {
            var s = b[i];
            for (var k = i + 1; k < n; k++)
            {
                s -= l[k, i] * b[k];
            }
            b[i] = s / l[i, i];
        }
    }

    /// <summary>Solves Lz = b in place: xᵀA⁻¹x is then the squared length of z.</summary>
    public static void ForwardSubstitute(double[,] l, double[] b)
    {
        var n = b.Length;
        for (var i = 0; i < n; i++)
        {
            var s = b[i];
            for (var k = 0; k < i; k++)
            {
                s -= l[i, k] * b[k];
            }
            b[i] = s / l[i, i];
        }
    }
}
