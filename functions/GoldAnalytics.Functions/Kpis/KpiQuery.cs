using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using GoldAnalytics.Domain.Kpis.Trends;
using GoldAnalytics.Domain.Pricing;
using GoldAnalytics.Runtime.Http;

namespace GoldAnalytics.Functions.Kpis;

/// <summary>Turns the query string every KPI and business question shares into a range, a filter and thresholds, or a 400 that says what to fix.</summary>
internal static class KpiQuery
{
    /// <summary>The longest range a request may ask for: five years of days.</summary>
    public const int MaxDays = 1830;

    public static DateRange Range(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw Invalid("to", ProblemCodes.InvalidValue, $"to ({to:yyyy-MM-dd}) is before from ({from:yyyy-MM-dd}); give the range's first and last day.");
        }

        var range = new DateRange(from, to);
        return range.Days > MaxDays
            ? throw Invalid("to", ProblemCodes.OutOfRange, $"The range has {range.Days} days; ask for at most {MaxDays} (five years).")
            : range;
    }

    public static KpiFilter Filter(int? branch, int? productLine, string? category, int? karat, int? salesperson)
    {
        if (karat is { } k && !Karats.IsKnown(k))
        {
            throw Invalid("karat", ProblemCodes.InvalidValue, $"karat {k} is not traded; use one of {string.Join(", ", Karats.All)}.");
        }

        if (category is not null && (category.Length is 0 or > 40 || category.Any(c => !char.IsAsciiLetterLower(c) && c != '_')))
        {
            throw Invalid("category", ProblemCodes.InvalidValue, "category is a lower-case category code such as ring, necklace or coin.");
        }

        return new KpiFilter(branch, productLine, category, karat, salesperson);
    }

    public static StatusThresholds Thresholds(decimal? successAt, decimal? warningAt)
    {
        var thresholds = StatusThresholds.Default with
        {
            SuccessAchievement = successAt ?? StatusThresholds.Default.SuccessAchievement,
            WarningAchievement = warningAt ?? StatusThresholds.Default.WarningAchievement,
        };
        return thresholds.WarningAchievement > thresholds.SuccessAchievement || thresholds.WarningAchievement < 0
            ? throw Invalid("warningAt", ProblemCodes.OutOfRange, "warningAt must be between 0 and successAt (achievement ratios, 1 = on target).")
            : thresholds;
    }

    /// <summary>Refuses filters a question cannot apply, naming them.</summary>
    public static void Refuse(string question, params (string Name, object? Value)[] filters)
    {
        var given = filters.Where(f => f.Value is not null).Select(f => f.Name).ToList();
        if (given.Count > 0)
        {
            throw Invalid(given[0], ProblemCodes.InvalidValue, $"{question} cannot be filtered by {string.Join(" or ", given)}; leave it out.");
        }
    }

    public static ProblemException Invalid(string field, string code, string message) =>
        new(400, code, message, [new FieldError(field, code, message)]);
}
