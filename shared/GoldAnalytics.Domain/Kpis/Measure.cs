namespace GoldAnalytics.Domain.Kpis;

/// <summary>A KPI's number, or no number and the reason why (a ratio over nothing is not zero).</summary>
public sealed record Measure(decimal? Value, string? NullReason = null)
{
    /// <summary>A known number.</summary>
    public static Measure Of(decimal value) => new(value);

    /// <summary>No number, with the reason the dashboard shows instead.</summary>
    public static Measure Undefined(string reason) => new(null, reason);

    /// <summary>True when there is a number.</summary>
    public bool HasValue => Value.HasValue;

    /// <summary>
    /// numerator / denominator, or no number when the denominator is zero. Ratios keep full
    /// decimal precision; presentation rounds.
    /// </summary>
    public static Measure Ratio(decimal numerator, decimal denominator, string reasonWhenZero) =>
        denominator == 0m ? Undefined(reasonWhenZero) : Of(numerator / denominator);

    /// <summary>Applies a calculation to the number, keeping the reason when there is none.</summary>
    public Measure Map(Func<decimal, decimal> calculation) => Value is { } value ? Of(calculation(value)) : this;
}
