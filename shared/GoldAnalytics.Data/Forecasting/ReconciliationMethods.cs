using GoldAnalytics.Domain.Forecasting.Reconciliation;

namespace GoldAnalytics.Data.Forecasting;

/// <summary>The reconciliation methods a run may use, by their stored names.</summary>
public static class ReconciliationMethods
{
    public const string BottomUp = "bottom_up";
    public const string Ols = "ols";
    public const string WlsStructural = "wls_structural";
    public const string MinTShrink = "mint_shrink";

    /// <summary>
    /// What a run uses unless asked otherwise: MinT-shrink, more accurate than structural WLS at every level on the demo
    /// shop's hold-out (README, forecast reconciliation); it falls back to structural WLS when it cannot be estimated.
    /// </summary>
    public const string Default = MinTShrink;

    public static IReadOnlyList<string> All { get; } = [BottomUp, Ols, WlsStructural, MinTShrink];

    /// <summary>The method of a stored name; throws for an unknown one.</summary>
    public static ReconciliationMethod Parse(string name) => name switch
    {
        BottomUp => ReconciliationMethod.BottomUp,
        Ols => ReconciliationMethod.Ols,
        WlsStructural => ReconciliationMethod.WlsStructural,
        MinTShrink => ReconciliationMethod.MinTShrink,
        _ => throw new ArgumentException($"Unknown reconciliation '{name}'; use one of {string.Join(", ", All)}.", nameof(name)),
    };
}
