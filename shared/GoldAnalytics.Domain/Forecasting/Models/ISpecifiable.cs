namespace GoldAnalytics.Domain.Forecasting.Models;

/// <summary>
/// A model that chooses a specification (ETS form, ARIMA order) from the data. The back-test re-estimates that
/// specification at each origin instead of repeating the whole search, which keeps selection affordable.
/// </summary>
public interface ISpecifiable
{
    /// <summary>The model with the specification it would choose on <paramref name="series"/> held fixed; null when none fits.</summary>
    IForecastModel? Specify(SeriesInput series);
}
