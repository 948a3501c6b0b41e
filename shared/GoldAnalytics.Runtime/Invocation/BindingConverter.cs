using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace GoldAnalytics.Runtime.Invocation;

/// <summary>Converts a bound value (route or query text, JSON, another object) to a parameter's type.</summary>
public static class BindingConverter
{
    /// <summary>True with the converted value, or false with a message saying what was expected.</summary>
    public static bool TryConvert(object? value, Type target, JsonSerializerOptions json, out object? converted, out string error)
    {
        converted = null;
        error = "";
        if (value is null)
        {
            return true;
        }

        if (target.IsInstanceOfType(value))
        {
            converted = value;
            return true;
        }

        return value switch
        {
            string text => TryParse(text, target, out converted, out error),
            string[] texts => TryConvertMany(texts, target, out converted, out error),
            JsonElement element => TryDeserialize(element, target, json, out converted, out error),
            _ => TryReshape(value, target, json, out converted, out error),
        };
    }

    /// <summary>Describes a type the way a client reads it: integer, number, date, one of (a, b) ...</summary>
    public static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            return $"one of ({string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName))})";
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 => "an integer",
            TypeCode.Decimal or TypeCode.Double or TypeCode.Single => "a number",
            TypeCode.Boolean => "true or false",
            TypeCode.String => "a string",
            TypeCode.DateTime => "a date-time (ISO 8601)",
            _ when type == typeof(Guid) => "a UUID",
            _ when type == typeof(DateOnly) => "a date (yyyy-mm-dd)",
            _ when type == typeof(DateTimeOffset) => "a date-time (ISO 8601)",
            _ when type == typeof(TimeSpan) => "a duration (hh:mm:ss)",
            _ when type.IsArray || typeof(IEnumerable).IsAssignableFrom(type) => "a list",
            _ => "an object",
        };
    }

    private static bool TryParse(string text, Type target, out object? converted, out string error)
    {
        converted = null;
        error = "";
        var type = Nullable.GetUnderlyingType(target) ?? target;
        if (type.IsArray)
        {
            return TryConvertMany([text], type, out converted, out error);
        }

        var ok = type.IsEnum ? EnumNames.TryParse(type, text, out converted) : TryParseScalar(text, type, out converted);
        if (!ok)
        {
            error = $"expected {Describe(type)}, got '{Truncate(text)}'";
        }

        return ok;
    }

    private static bool TryParseScalar(string text, Type type, out object? converted)
    {
        var invariant = CultureInfo.InvariantCulture;
        (bool Ok, object? Value) result = Type.GetTypeCode(type) switch
        {
            TypeCode.Int32 => (int.TryParse(text, NumberStyles.Integer, invariant, out var i), i),
            TypeCode.Int64 => (long.TryParse(text, NumberStyles.Integer, invariant, out var l), l),
            TypeCode.Int16 => (short.TryParse(text, NumberStyles.Integer, invariant, out var s), s),
            TypeCode.Decimal => (decimal.TryParse(text, NumberStyles.Number, invariant, out var m), m),
            TypeCode.Double => (double.TryParse(text, NumberStyles.Float, invariant, out var d) && double.IsFinite(d), d),
            TypeCode.Boolean => (bool.TryParse(text, out var b), b),
            TypeCode.DateTime => (DateTime.TryParse(text, invariant, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dt), dt),
            _ when type == typeof(Guid) => (Guid.TryParse(text, out var g), g),
            _ when type == typeof(DateOnly) => (DateOnly.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var date), date),
            _ when type == typeof(DateTimeOffset) => (DateTimeOffset.TryParse(text, invariant, DateTimeStyles.AssumeUniversal, out var dto), dto),
            _ when type == typeof(TimeSpan) => (TimeSpan.TryParse(text, invariant, out var ts), ts),
            _ => TryTypeConverter(text, type),
        };
        converted = result.Ok ? result.Value : null;
        return result.Ok;
    }

    private static (bool, object?) TryTypeConverter(string text, Type type)
    {
        var converter = TypeDescriptor.GetConverter(type);
        if (!converter.CanConvertFrom(typeof(string)))
        {
            return (false, null);
        }

        try
        {
            return (true, converter.ConvertFromInvariantString(text));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return (false, null);
        }
    }

    private static bool TryConvertMany(string[] texts, Type target, out object? converted, out string error)
    {
        converted = null;
        error = "";
        var element = target.IsArray ? target.GetElementType() : null;
        if (element is null)
        {
            if (texts.Length == 1)
            {
                return TryParse(texts[0], target, out converted, out error);
            }

            error = $"expected a single value, got {texts.Length}";
            return false;
        }

        var array = Array.CreateInstance(element, texts.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            if (!TryParse(texts[i], element, out var item, out error))
            {
                return false;
            }

            array.SetValue(item, i);
        }

        converted = array;
        return true;
    }

    private static bool TryDeserialize(JsonElement element, Type target, JsonSerializerOptions json, out object? converted, out string error)
    {
        converted = null;
        error = "";
        try
        {
            converted = element.Deserialize(target, json);
            return true;
        }
        catch (JsonException e)
        {
            error = $"expected {Describe(target)}: {e.Message}";
            return false;
        }
    }

    // Values handed over in-process (an orchestration's input, an activity's result) may be
    // a different but JSON-compatible type; the JSON round trip is what the real host does too.
    private static bool TryReshape(object value, Type target, JsonSerializerOptions json, out object? converted, out string error)
    {
        var type = Nullable.GetUnderlyingType(target) ?? target;
        if (value is IConvertible && (type.IsPrimitive || type == typeof(decimal)))
        {
            try
            {
                converted = Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
                error = "";
                return true;
            }
            catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
            {
                converted = null;
                error = $"expected {Describe(type)}, got {value.GetType().Name}";
                return false;
            }
        }

        return TryDeserialize(JsonSerializer.SerializeToElement(value, value.GetType(), json), target, json, out converted, out error);
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
