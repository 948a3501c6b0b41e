namespace GoldAnalytics.Domain.Forecasting.Models;

/// <summary>A fit remembered with the history it was made on: reused only for exactly that history.</summary>
internal sealed record FittedSeries<TFit>(double[] Values, TFit Fit)
{
    public TFit? For(IReadOnlyList<double> values)
    {
        if (values.Count != Values.Length)
        {
            return default;
        }
        if (values is double[] array)
        {
            return array.AsSpan().SequenceEqual(Values) ? Fit : default;
        }
        for (var t = 0; t < Values.Length; t++)
        {
            if (values[t] != Values[t])
            {
                return default;
            }
        }
        return Fit;
    }
}
