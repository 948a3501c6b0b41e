using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace GoldAnalytics.Runtime.Http;

/// <summary>
/// The text is exactly one of a fixed set of values (case-sensitive). Unlike a regular expression
/// attribute, an empty string is refused too; the message lists the allowed values.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property, AllowMultiple = false)]
public sealed class OneOfAttribute(params string[] values) : ValidationAttribute
{
    /// <summary>The allowed values.</summary>
    public IReadOnlyList<string> Values { get; } = values;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is null || (value is string text && Values.Contains(text, StringComparer.Ordinal)))
        {
            return ValidationResult.Success;
        }

        var field = validationContext.DisplayName;
        return new ValidationResult($"{field} must be one of {string.Join(", ", Values)} (got '{Clip(value.ToString() ?? "")}').", [field]);
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

/// <summary>
/// A date (<see cref="DateOnly"/>, <see cref="DateTime"/> or <see cref="DateTimeOffset"/>) at most
/// <see cref="Days"/> days after today, UTC; 0 means not after today. Business dates use
/// <c>EntryDates.BusinessDaysAhead</c>: a sale, refund, expense, movement or rate is not entered more than a year ahead.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property, AllowMultiple = false)]
public sealed class MaxDaysAheadAttribute(int days) : ValidationAttribute
{
    /// <summary>Days after today the date may be.</summary>
    public int Days { get; } = days;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        DateOnly? day = value switch
        {
            DateOnly date => date,
            DateTime time => DateOnly.FromDateTime(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time),
            DateTimeOffset time => DateOnly.FromDateTime(time.UtcDateTime),
            _ => null,
        };
        var latest = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(Days);
        if (day is null || day <= latest)
        {
            return ValidationResult.Success;
        }

        var field = validationContext.DisplayName;
        var limit = Days == 0 ? "cannot be in the future" : $"is at most {Days} days after today (the latest is {latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})";
        return new ValidationResult($"{field} {limit}; got {day.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.", [field]);
    }
}
