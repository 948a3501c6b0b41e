namespace GoldAnalytics.Domain.Forecasting.Arima;

/// <summary>Lag differencing and its inverse for forecasts.</summary>
public static class Differencing
{
    public static double[] Difference(double[] y, int lag)
    {
        var result = new double[Math.Max(0, y.Length - lag)];
        for (var t = lag; t < y.Length; t++)
        {
            result[t - lag] = y[t] - y[t - lag];
        }
        return result;
    }

    /// <summary>Forecasts of the undifferenced series from forecasts of its lag difference.</summary>
    public static double[] Integrate(double[] history, double[] differencedForecast, int lag)
    {
        var extended = new double[history.Length + differencedForecast.Length];
        history.CopyTo(extended, 0);
        for (var h = 0; h < differencedForecast.Length; h++)
        {
            var t = history.Length + h;
            extended[t] = differencedForecast[h] + extended[t - lag];
        }
        return extended[history.Length..];
    }

    /// <summary>Product of two polynomials in the backshift operator, coefficients from degree 0.</summary>
    public static double[] Multiply(double[] a, double[] b)
    {
        var result = new double[a.Length + b.Length - 1];
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = 0; j < b.Length; j++)
            {
                result[i + j] += a[i] * b[j];
            }
        }
        return result;
    }
}
