namespace GoldAnalytics.Domain.Kpis.Trends;

/// <summary>The colour a KPI is shown in.</summary>
public enum KpiStatus
{
    Success,
    Warning,
    Danger,
    Info,
}

/// <summary>Whether a rise of the KPI is good news.</summary>
public enum Polarity
{
    HigherIsBetter,
    LowerIsBetter,
    Neutral,
}

/// <summary>
/// Where the colours change. With a target: achievement at or above <see cref="SuccessAchievement"/>
/// is success, at or above <see cref="WarningAchievement"/> warning, below it danger. Without one:
/// the change against the previous period, in the KPI's good direction, at or above
/// <see cref="WarningChange"/> is success, at or above <see cref="DangerChange"/> warning, below danger.
/// </summary>
public sealed record StatusThresholds(
    decimal SuccessAchievement = 1.00m,
    decimal WarningAchievement = 0.90m,
    decimal WarningChange = 0.00m,
    decimal DangerChange = -0.10m)
{
    /// <summary>The shop's defaults: meet the target; within 10% of it is a warning.</summary>
    public static StatusThresholds Default { get; } = new();

    /// <summary>The status of a KPI from its achievement, or from its change when it has no target.</summary>
    public KpiStatus Evaluate(Polarity polarity, Measure achievement, Measure changeVsPrevious)
    {
        if (polarity == Polarity.Neutral)
        {
            return KpiStatus.Info;
        }

        if (achievement.Value is { } reached)
        {
            var good = polarity == Polarity.HigherIsBetter ? reached : 2m - reached;
            return good >= SuccessAchievement ? KpiStatus.Success : good >= WarningAchievement ? KpiStatus.Warning : KpiStatus.Danger;
        }

        if (changeVsPrevious.Value is not { } change)
        {
            return KpiStatus.Info;
        }

        var better = polarity == Polarity.HigherIsBetter ? change : -change;
        return better >= WarningChange ? KpiStatus.Success : better >= DangerChange ? KpiStatus.Warning : KpiStatus.Danger;
    }
}
