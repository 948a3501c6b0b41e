using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using GoldAnalytics.Runtime.Invocation;

namespace GoldAnalytics.Runtime.Http;

/// <summary>
/// Checks a JSON body against the record it binds to before deserialising, so that the client gets
/// every faulty field at once (missing, wrong type, unknown, out of range) rather than the first.
/// </summary>
internal static class JsonShapeValidator
{
    private const int MaxErrors = 20;

    public static List<FieldError> Validate(JsonElement element, Type type, JsonSerializerOptions json)
    {
        var errors = new List<FieldError>();
        Check(element, type, "", json, errors);
        return errors;
    }

    private static void Check(JsonElement element, Type type, string path, JsonSerializerOptions json, List<FieldError> errors)
    {
        if (errors.Count >= MaxErrors)
        {
            return;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(JsonElement) || type == typeof(object))
        {
            return;
        }

        if (RecordShape.For(type) is { } shape)
        {
            CheckObject(element, shape, path, json, errors);
        }
        else if (type.IsArray || (HttpFunction.IsCollection(type) && ItemType(type) is not null && !IsDictionary(type)))
        {
            CheckArray(element, ItemType(type)!, path, json, errors);
        }
        else
        {
            CheckLeaf(element, type, path, json, errors);
        }
    }

    private static void CheckObject(JsonElement element, RecordShape shape, string path, JsonSerializerOptions json, List<FieldError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(Name(path), ProblemCodes.WrongType, $"{Name(path)}: expected an object, got {Kind(element)}."));
            return;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            var field = Join(path, property.Name);
            if (shape.Find(property.Name) is not { } member)
            {
                errors.Add(new FieldError(field, ProblemCodes.UnknownField, $"{field} is not a field of this request; known fields: {string.Join(", ", shape.Members.Select(m => m.JsonName))}."));
                continue;
            }

            seen.Add(member.JsonName);
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                if (member.Required)
                {
                    errors.Add(new FieldError(field, ProblemCodes.MissingField, $"{field} must not be null: supply {BindingConverter.Describe(member.Type)}."));
                }

                continue;
            }

            var before = errors.Count;
            Check(property.Value, member.Type, field, json, errors);
            if (errors.Count == before && member.Rules.Length > 0)
            {
                CheckRules(property.Value, member, field, json, errors);
            }
        }

        foreach (var missing in shape.Members.Where(m => m.Required && !seen.Contains(m.JsonName)))
        {
            var field = Join(path, missing.JsonName);
            errors.Add(new FieldError(field, ProblemCodes.MissingField, $"{field} is required: supply {BindingConverter.Describe(missing.Type)}."));
        }
    }

    private static void CheckRules(JsonElement element, RecordMember member, string field, JsonSerializerOptions json, List<FieldError> errors)
    {
        var value = element.Deserialize(member.Type, json);
        foreach (var rule in member.Rules)
        {
            var result = rule.GetValidationResult(value, new ValidationContext(value ?? new object()) { MemberName = field, DisplayName = field });
            if (result != ValidationResult.Success)
            {
                errors.Add(new FieldError(field, ParameterBinders.CodeOf(rule), result?.ErrorMessage ?? $"{field} is not valid."));
            }
        }
    }

    private static void CheckArray(JsonElement element, Type itemType, string path, JsonSerializerOptions json, List<FieldError> errors)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError(Name(path), ProblemCodes.WrongType, $"{Name(path)}: expected a list, got {Kind(element)}."));
            return;
        }

        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var field = $"{path}[{index++}]";
            if (item.ValueKind == JsonValueKind.Null && itemType.IsValueType && Nullable.GetUnderlyingType(itemType) is null)
            {
                errors.Add(new FieldError(field, ProblemCodes.WrongType, $"{field}: expected {BindingConverter.Describe(itemType)}, got null."));
                continue;
            }

            if (item.ValueKind != JsonValueKind.Null)
            {
                Check(item, itemType, field, json, errors);
            }
        }
    }

    private static void CheckLeaf(JsonElement element, Type type, string path, JsonSerializerOptions json, List<FieldError> errors)
    {
        try
        {
            element.Deserialize(type, json);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            errors.Add(new FieldError(Name(path), ProblemCodes.WrongType, $"{Name(path)}: expected {BindingConverter.Describe(type)}, got {Kind(element)}."));
        }
    }

    private static Type? ItemType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static bool IsDictionary(Type type) =>
        type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Name(string path) => path.Length == 0 ? "body" : path;

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}

/// <summary>One field of a request record: its JSON name, type, whether it must be present, its validation rules.</summary>
internal sealed record RecordMember(string JsonName, Type Type, bool Required, ValidationAttribute[] Rules);

/// <summary>The fields of a record (its primary constructor) or of a class with settable properties.</summary>
internal sealed record RecordShape(IReadOnlyList<RecordMember> Members)
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, RecordShape?> Cache = new();

    public RecordMember? Find(string jsonName) => Members.FirstOrDefault(m => string.Equals(m.JsonName, jsonName, StringComparison.OrdinalIgnoreCase));

    /// <summary>The shape of a complex type, or null for simple values, collections and dictionaries.</summary>
    public static RecordShape? For(Type type) => Cache.GetOrAdd(type, Build);

    private static RecordShape? Build(Type type)
    {
        if (HttpFunction.IsSimple(type) || HttpFunction.IsCollection(type) || type.IsPrimitive || type == typeof(object) || type.IsAbstract || type.IsInterface)
        {
            return null;
        }

        var nullability = new NullabilityInfoContext();
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        if (constructor is { } ctor && ctor.GetParameters().Length > 0)
        {
            return new RecordShape([.. ctor.GetParameters().Select(p => new RecordMember(
                JsonNamingPolicy.CamelCase.ConvertName(p.Name!),
                p.ParameterType,
                !p.HasDefaultValue && !IsNullable(nullability.Create(p).WriteState, p.ParameterType),
                [.. p.GetCustomAttributes<ValidationAttribute>(), .. type.GetProperty(p.Name!)?.GetCustomAttributes<ValidationAttribute>() ?? []]))]);
        }

        return new RecordShape([.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => new RecordMember(
            JsonNamingPolicy.CamelCase.ConvertName(p.Name),
            p.PropertyType,
            p.GetCustomAttribute<System.Runtime.CompilerServices.RequiredMemberAttribute>() is not null,
            [.. p.GetCustomAttributes<ValidationAttribute>()]))]);
    }

    private static bool IsNullable(NullabilityState state, Type type) =>
        type.IsValueType ? Nullable.GetUnderlyingType(type) is not null : state == NullabilityState.Nullable;
}
