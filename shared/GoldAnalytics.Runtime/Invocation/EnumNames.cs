using System.Collections.Concurrent;

namespace GoldAnalytics.Runtime.Invocation;

/// <summary>
/// Reads enum values the one way the API writes them: exactly one member's name, in any letter case.
/// Numbers, comma-separated lists (which <see cref="Enum.TryParse(Type, string?, bool, out object?)"/>
/// combines as flags) and names with spaces around them are refused.
/// </summary>
public static class EnumNames
{
    private static readonly ConcurrentDictionary<Type, (string Name, object Value)[]> Members = new();

    /// <summary>The member of <paramref name="type"/> named <paramref name="text"/>, if there is exactly that one.</summary>
    public static bool TryParse(Type type, string? text, out object? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (var (name, member) in Members.GetOrAdd(type, static t => [.. Enum.GetNames(t).Select(n => (n, Enum.Parse(t, n)))]))
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                value = member;
                return true;
            }
        }

        return false;
    }

    /// <summary>The member of <typeparamref name="T"/> named <paramref name="text"/>, if there is exactly that one.</summary>
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        var found = TryParse(typeof(T), text, out var member);
        value = found ? (T)member! : default;
        return found;
    }
}
