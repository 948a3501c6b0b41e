namespace GoldAnalytics.Domain.Forecasting.Accuracy;

/// <summary>Standard forecast error measures: sMAPE (M3 definition, percent) and MASE (scaled by in-sample seasonal naive MAE).</summary>
public static class ErrorMeasures
{
    /// <summary>Mean of 200·|y−f|/(|y|+|f|) over the horizon; steps where both are zero count as zero error.</summary>
    public static double Smape(IReadOnlyList<double> actual, IReadOnlyList<double> forecast)
    {
        var sum = 0.0;
        for (var h = 0; h < actual.Count; h++)
        {
            var denominator = Math.Abs(actual[h]) + Math.Abs(forecast[h]);
            sum += denominator == 0 ? 0 : 200 * Math.Abs(actual[h] - forecast[h]) / denominator;
        }
        return sum / actual.Count;
    }

    /// <summary>Mean absolute error divided by the in-sample MAE of the seasonal naive method (naive when the series is shorter than two seasons).</summary>
    public static double Mase(IReadOnlyList<double> history, int seasonalPeriod, IReadOnlyList<double> actual, IReadOnlyList<double> forecast)
    {
        var scale = SeasonalNaiveScale(history, seasonalPeriod);
        var mae = 0.0;
        for (var h = 0; h < actual.Count; h++)
        {
            mae += Math.Abs(actual[h] - forecast[h]);
        }
        mae /= actual.Count;
        return scale > 0 ? mae / scale : (mae == 0 ? 0 : double.PositiveInfinity);
    }

    public static double SeasonalNaiveScale(IReadOnlyList<double> history, int seasonalPeriod)
    {
        var lag = seasonalPeriod > 1 && history.Count > seasonalPeriod ? seasonalPeriod : 1;
        if (history.Count <= lag)
        {
            return 0;
        }
        var sum = 0.0;
        for (var t = lag; t < history.Count; t++)
        {
            sum += Math.Abs(history[t] - history[t - lag]);
        }
        return sum / (history.Count - lag);
    }
}
