using System.ComponentModel.DataAnnotations;
using System.Globalization;
using GoldAnalytics.Domain.Sales;

namespace GoldAnalytics.Runtime.Invocation;

/// <summary>One limit a value breaks: the stable code and what to fix.</summary>
public sealed record LimitBreach(string Code, string Message);

/// <summary>
/// The limits every value from a request keeps, whatever its field, so that nothing PostgreSQL cannot
/// store (a NUL character, a date it keeps as infinity) and nothing no shop would enter reaches a
/// function: dates from 1900-01-01 to 2100-12-31, text without NUL characters and, unless the field
/// sets its own length, at most <see cref="DefaultMaxLength"/> characters. The dates are <see cref="EntryDates"/>'s.
/// </summary>
public static class ValueLimits
{
    /// <summary>Longest text a field without its own length rule accepts.</summary>
    public const int DefaultMaxLength = 1000;

    private static readonly DateTime Earliest = EntryDates.Earliest.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    private static readonly DateTime AfterLatest = EntryDates.Latest.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The limit the value breaks, or null; <paramref name="defaultLength"/> false when the field's own rules bound its length.</summary>
    public static LimitBreach? Check(string field, object? value, bool defaultLength = true) => value switch
    {
        string text => CheckText(field, text, defaultLength),
        DateOnly date => EntryDates.InRange(date) ? null : OutOfRange(field, Day(date)),
        DateTime time => InRange(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time) ? null : OutOfRange(field, time.ToString("O", CultureInfo.InvariantCulture)),
        DateTimeOffset time => InRange(time.UtcDateTime) ? null : OutOfRange(field, time.ToString("O", CultureInfo.InvariantCulture)),
        _ => null,
    };

    /// <summary>Whether one of the rules bounds the length of the field's text, so that the default does not apply.</summary>
    public static bool SetsLength(IEnumerable<ValidationAttribute> rules) =>
        rules.Any(r => r is StringLengthAttribute or MaxLengthAttribute or LengthAttribute);

    /// <summary>The NUL character PostgreSQL cannot store in text, if the text has one.</summary>
    public static LimitBreach? CheckNul(string field, string text) =>
        text.Contains('\0', StringComparison.Ordinal)
            ? new LimitBreach(BindingErrorCodes.NulCharacter, $"{field} contains a NUL character (U+0000), which cannot be stored; remove it.")
            : null;

    private static LimitBreach? CheckText(string field, string text, bool defaultLength) =>
        CheckNul(field, text)
        ?? (defaultLength && text.Length > DefaultMaxLength
            ? new LimitBreach(BindingErrorCodes.OutOfRange, $"{field} is at most {DefaultMaxLength} characters long (got {text.Length}).")
            : null);

    private static bool InRange(DateTime utc) => utc >= Earliest && utc < AfterLatest;

    private static LimitBreach OutOfRange(string field, string value) =>
        new(BindingErrorCodes.DateOutOfRange, $"{field} must be between {Day(EntryDates.Earliest)} and {Day(EntryDates.Latest)} (got {value}).");

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
