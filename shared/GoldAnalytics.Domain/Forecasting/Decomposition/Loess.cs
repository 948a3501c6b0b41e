namespace GoldAnalytics.Domain.Forecasting.Decomposition;

/// <summary>Locally weighted regression (degree 0 or 1, tricube weights) of equally spaced values, as STL uses it.</summary>
public static class Loess
{
    /// <summary>Smooths y (at x = 0..n−1) with span q, evaluating at each position in <paramref name="at"/>.</summary>
    public static double[] Smooth(ReadOnlySpan<double> y, int span, int degree, ReadOnlySpan<double> at)
    {
        var n = y.Length;
        var result = new double[at.Length];
        var q = Math.Max(span, 2);
        for (var i = 0; i < at.Length; i++)
        {
            result[i] = Fit(y, n, q, degree, at[i]);
        }
        return result;
    }

    public static double[] Smooth(ReadOnlySpan<double> y, int span, int degree)
    {
        var at = new double[y.Length];
        for (var i = 0; i < at.Length; i++)
        {
            at[i] = i;
        }
        return Smooth(y, span, degree, at);
    }

    private static double Fit(ReadOnlySpan<double> y, int n, int q, int degree, double x)
    {
        // The q nearest neighbours of x form a window; beyond the data the window is the nearest q points.
        int left, right;
        if (q >= n)
        {
            left = 0;
            right = n - 1;
        }
        else
        {
            left = Math.Clamp((int)Math.Round(x) - q / 2, 0, n - q);
            right = left + q - 1;
            while (left > 0 && x - (left - 1) < right - x)
            {
                left--;
                right--;
            }
            while (right < n - 1 && right + 1 - x < x - left)
            {
                left++;
                right++;
            }
        }
        var maxDistance = Math.Max(x - left, right - x);
        if (q > n)
        {
            maxDistance += (q - n) / 2.0;
        }
        maxDistance = Math.Max(maxDistance, 1e-9);
        double sw = 0, swx = 0, swy = 0, swxx = 0, swxy = 0;
        for (var j = left; j <= right; j++)
        {
            var u = Math.Abs(j - x) / maxDistance;
            // Tricube weight (1 − u³)³, multiplied out: Math.Pow dominated the cost of STL.
            var v = 1 - u * u * u;
            var w = u >= 1 ? 0 : v * v * v;
            sw += w;
            swx += w * j;
            swy += w * y[j];
            swxx += w * j * j;
            swxy += w * j * y[j];
        }
        if (sw <= 0)
        {
            return y[Math.Clamp((int)Math.Round(x), 0, n - 1)];
        }
        if (degree == 0)
        {
            return swy / sw;
        }
        var meanX = swx / sw;
        var meanY = swy / sw;
        var variance = swxx / sw - meanX * meanX;
        if (variance <= 1e-12 * Math.Max(1, maxDistance * maxDistance))
        {
            return meanY;
        }
        var slope = (swxy / sw - meanX * meanY) / variance;
        return meanY + slope * (x - meanX);
    }
}
