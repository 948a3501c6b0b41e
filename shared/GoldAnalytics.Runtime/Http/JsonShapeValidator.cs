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

    /// <summary>Every faulty field of the body; <paramref name="nullability"/> is the body parameter's, for the null items of a list body.</summary>
    public static List<FieldError> Validate(JsonElement element, Type type, JsonSerializerOptions json, NullabilityInfo? nullability = null)
    {
        var errors = new List<FieldError>();
        Check(element, new Slot(type, nullability, DefaultLength: true), "", json, errors);
        return errors;
    }

    private static void Check(JsonElement element, Slot slot, string path, JsonSerializerOptions json, List<FieldError> errors)
    {
        if (errors.Count >= MaxErrors)
        {
            return;
        }

        var type = Nullable.GetUnderlyingType(slot.Type) ?? slot.Type;
        if (type == typeof(JsonElement) || type == typeof(object))
        {
            CheckText(element, path, errors);
        }
        else if (RecordShape.For(type) is { } shape)
        {
            CheckObject(element, shape, path, json, errors);
        }
        else if (type.IsArray || (HttpFunction.IsCollection(type) && ItemType(type) is not null && !IsDictionary(type)))
        {
            CheckArray(element, new Slot(ItemType(type)!, ItemNullability(slot.Nullability), DefaultLength: true), path, json, errors);
        }
        else
        {
            CheckLeaf(element, type, slot.DefaultLength, path, json, errors);
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
            Check(property.Value, new Slot(member.Type, member.Nullability, member.DefaultLength), field, json, errors);
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
            if (ParameterBinders.Failure(rule, value, field) is { } message)
            {
                errors.Add(new FieldError(field, ParameterBinders.CodeOf(rule), message));
            }
        }
    }

    private static void CheckArray(JsonElement element, Slot item, string path, JsonSerializerOptions json, List<FieldError> errors)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError(Name(path), ProblemCodes.WrongType, $"{Name(path)}: expected a list, got {Kind(element)}."));
            return;
        }

        var index = 0;
        foreach (var entry in element.EnumerateArray())
        {
            var field = $"{path}[{index++}]";
            if (entry.ValueKind != JsonValueKind.Null)
            {
                Check(entry, item, field, json, errors);
            }
            else if (!MayBeNull(item))
            {
                errors.Add(new FieldError(field, ProblemCodes.WrongType, $"{field}: expected {BindingConverter.Describe(item.Type)}, got null."));
            }
        }
    }

    private static void CheckLeaf(JsonElement element, Type type, bool defaultLength, string path, JsonSerializerOptions json, List<FieldError> errors)
    {
        object? value;
        try
        {
            value = element.Deserialize(type, json);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            var got = type.IsEnum && element.ValueKind == JsonValueKind.String ? $"'{Clip(TextOf(element) ?? "")}'" : Kind(element);
            errors.Add(new FieldError(Name(path), ProblemCodes.WrongType, $"{Name(path)}: expected {BindingConverter.Describe(type)}, got {got}."));
            return;
        }

        if (ValueLimits.Check(Name(path), value, defaultLength) is { } breach)
        {
            errors.Add(new FieldError(Name(path), breach.Code, breach.Message));
        }
        else if (element.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            // A dictionary or another shape without a record: its text cannot hold what PostgreSQL refuses either.
            CheckText(element, path, errors);
        }
    }

    private static void CheckText(JsonElement element, string path, List<FieldError> errors)
    {
        if (errors.Count >= MaxErrors)
        {
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.String when TextOf(element) is { } text && ValueLimits.CheckNul(Name(path), text) is { } breach:
                errors.Add(new FieldError(Name(path), breach.Code, breach.Message));
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (ValueLimits.CheckNul(Join(path, property.Name), property.Name) is { } named)
                    {
                        errors.Add(new FieldError(Join(path, property.Name), named.Code, named.Message));
                    }

                    CheckText(property.Value, Join(path, property.Name), errors);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckText(item, $"{path}[{index++}]", errors);
                }

                break;
        }
    }

    private static string? TextOf(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    // Value types say it in their type; a list of references says it in its annotation (List<string?>), which the serializer does not check.
    private static bool MayBeNull(Slot item) =>
        item.Type.IsValueType ? Nullable.GetUnderlyingType(item.Type) is not null : item.Nullability?.ReadState == NullabilityState.Nullable;

    private static NullabilityInfo? ItemNullability(NullabilityInfo? list) =>
        list?.ElementType ?? (list?.GenericTypeArguments is [var only] ? only : null);

    private static Type? ItemType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static bool IsDictionary(Type type) =>
        type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

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

/// <summary>Where a JSON value goes: its type, the nullability of its declaration (for list items), whether the default text length applies.</summary>
internal readonly record struct Slot(Type Type, NullabilityInfo? Nullability, bool DefaultLength);

/// <summary>One field of a request record: its JSON name, type, whether it must be present, its validation rules and nullability.</summary>
internal sealed record RecordMember(string JsonName, Type Type, bool Required, ValidationAttribute[] Rules, NullabilityInfo? Nullability = null)
{
    /// <summary>No rule of the field bounds its length, so the runtime's default maximum does.</summary>
    public bool DefaultLength { get; } = !ValueLimits.SetsLength(Rules);
}

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
            return new RecordShape([.. ctor.GetParameters().Select(p => FromParameter(type, p, nullability.Create(p)))]);
        }

        return new RecordShape([.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => new RecordMember(
            JsonNamingPolicy.CamelCase.ConvertName(p.Name),
            p.PropertyType,
            p.GetCustomAttribute<System.Runtime.CompilerServices.RequiredMemberAttribute>() is not null,
            [.. p.GetCustomAttributes<ValidationAttribute>()],
            nullability.Create(p)))]);
    }

    private static RecordMember FromParameter(Type type, ParameterInfo parameter, NullabilityInfo nullability) => new(
        JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!),
        parameter.ParameterType,
        !parameter.HasDefaultValue && !IsNullable(nullability.WriteState, parameter.ParameterType),
        [.. parameter.GetCustomAttributes<ValidationAttribute>(), .. type.GetProperty(parameter.Name!)?.GetCustomAttributes<ValidationAttribute>() ?? []],
        nullability);

    private static bool IsNullable(NullabilityState state, Type type) =>
        type.IsValueType ? Nullable.GetUnderlyingType(type) is not null : state == NullabilityState.Nullable;
}
