using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Runtime.Invocation;

/// <summary>Produces one argument of a function call from the invocation and its context.</summary>
internal delegate object? ParameterBinder(FunctionInvocation invocation, FunctionContext context);

/// <summary>Decides, once per function, where each parameter's value comes from.</summary>
internal static class ParameterBinders
{
    public static ParameterBinder For(ParameterInfo parameter, FunctionDescriptor function, JsonSerializerOptions json)
    {
        var type = parameter.ParameterType;
        if (parameter == function.TriggerParameter)
        {
            return FromTrigger(parameter, json);
        }

        if (type == typeof(FunctionContext))
        {
            return (_, context) => context;
        }

        if (type == typeof(CancellationToken))
        {
            return (_, context) => context.CancellationToken;
        }

        if (type == typeof(ILogger))
        {
            return (_, context) => context.Logger;
        }

        if (IsServiceBound(parameter))
        {
            return (_, context) => context.InstanceServices.GetRequiredService(type);
        }

        return FromBindingData(parameter, json, function.Trigger is HttpTriggerAttribute);
    }

    private static ParameterBinder FromTrigger(ParameterInfo parameter, JsonSerializerOptions json)
    {
        var name = parameter.Name!;
        return (invocation, _) => Convert(invocation.TriggerValue, parameter, name, json);
    }

    // Route and query values of an HTTP call come from outside as text: they keep the value limits;
    // a blob path or an orchestration's input is the system's own and may be longer.
    private static ParameterBinder FromBindingData(ParameterInfo parameter, JsonSerializerOptions json, bool fromRequest)
    {
        var name = parameter.Name!;
        var optional = parameter.HasDefaultValue || IsNullable(parameter);
        var fallback = parameter.HasDefaultValue ? parameter.DefaultValue : null;
        var rules = parameter.GetCustomAttributes<ValidationAttribute>().ToArray();
        var defaultLength = !ValueLimits.SetsLength(rules);
        return (invocation, _) =>
        {
            if (!TryFind(invocation.BindingData, name, out var raw) || raw is null)
            {
                return optional
                    ? fallback
                    : throw new FunctionBindingException(name, BindingErrorCodes.MissingField, $"'{name}' is required: supply {BindingConverter.Describe(parameter.ParameterType)}.");
            }

            var value = Convert(raw, parameter, name, json);
            if (fromRequest && raw is string or string[])
            {
                CheckLimits(value, name, defaultLength);
            }

            Validate(value, name, rules);
            return value;
        };
    }

    private static object? Convert(object? raw, ParameterInfo parameter, string name, JsonSerializerOptions json) =>
        BindingConverter.TryConvert(raw, parameter.ParameterType, json, out var value, out var error)
            ? value
            : throw new FunctionBindingException(name, BindingErrorCodes.WrongType, $"'{name}': {error}.");

    private static void CheckLimits(object? value, string name, bool defaultLength)
    {
        foreach (var item in value is Array array ? array.Cast<object?>() : [value])
        {
            if (ValueLimits.Check(name, item, defaultLength) is { } breach)
            {
                throw new FunctionBindingException(name, breach.Code, breach.Message);
            }
        }
    }

    private static void Validate(object? value, string name, ValidationAttribute[] rules)
    {
        foreach (var rule in rules)
        {
            if (Failure(rule, value, name) is { } message)
            {
                throw new FunctionBindingException(name, CodeOf(rule), message);
            }
        }
    }

    /// <summary>
    /// What is wrong with the value by this rule, or null. Unlike the attribute alone, an empty string
    /// must match a regular expression too: a pattern listing values does not let "" through.
    /// </summary>
    public static string? Failure(ValidationAttribute rule, object? value, string name)
    {
        if (rule is RegularExpressionAttribute regex && value is "" && !Regex.IsMatch("", regex.Pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            return regex.ErrorMessage is null ? $"{name} must match the pattern {regex.Pattern}; it cannot be empty." : regex.FormatErrorMessage(name);
        }

        var result = rule.GetValidationResult(value, new ValidationContext(value ?? new object()) { MemberName = name, DisplayName = name });
        return result == ValidationResult.Success ? null : result?.ErrorMessage ?? $"'{name}' is not valid.";
    }

    /// <summary>The stable code for a failed validation attribute.</summary>
    public static string CodeOf(ValidationAttribute rule) => rule switch
    {
        RequiredAttribute => BindingErrorCodes.MissingField,
        RangeAttribute or StringLengthAttribute or MaxLengthAttribute or MinLengthAttribute or LengthAttribute => BindingErrorCodes.OutOfRange,
        MaxDaysAheadAttribute => BindingErrorCodes.DateOutOfRange,
        _ => BindingErrorCodes.InvalidValue,
    };

    private static bool TryFind(IReadOnlyDictionary<string, object?> data, string name, out object? value)
    {
        if (data.TryGetValue(name, out value))
        {
            return true;
        }

        foreach (var (key, candidate) in data)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>The parameter carries a binding resolved from services, such as <c>[DurableClient]</c>.</summary>
    public static bool IsServiceBound(ParameterInfo parameter) => parameter.GetCustomAttribute<ServiceBindingAttribute>() is not null;

    private static bool IsNullable(ParameterInfo parameter) =>
        parameter.ParameterType.IsValueType
            ? Nullable.GetUnderlyingType(parameter.ParameterType) is not null
            : new NullabilityInfoContext().Create(parameter).WriteState == NullabilityState.Nullable;
}
