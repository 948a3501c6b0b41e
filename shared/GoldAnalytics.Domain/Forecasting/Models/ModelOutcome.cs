namespace GoldAnalytics.Domain.Forecasting.Models;

/// <summary>Either a forecast, or the reason a model cannot be fitted to a series (too short, constant, all zeros ...).</summary>
public sealed record ModelOutcome(string Model, Forecast? Forecast, string? CannotFitReason)
{
    public bool Fitted => Forecast is not null;

    public static ModelOutcome Of(Forecast forecast) => new(forecast.Model, forecast, null);

    public static ModelOutcome CannotFit(string model, string reason) => new(model, null, reason);
}
