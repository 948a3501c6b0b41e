using System.Text;
using System.Text.RegularExpressions;

namespace GoldAnalytics.Runtime.Blobs;

/// <summary>A blob trigger path: a literal container and a name pattern whose <c>{placeholders}</c> capture parts of the name.</summary>
public sealed partial class BlobPathPattern
{
    private readonly Regex _name;

    private BlobPathPattern(string container, string prefix, Regex name, IReadOnlyList<string> placeholders)
    {
        Container = container;
        Prefix = prefix;
        _name = name;
        Placeholders = placeholders;
    }

    /// <summary>The container watched.</summary>
    public string Container { get; }

    /// <summary>The literal start of matching names, used to list only candidates.</summary>
    public string Prefix { get; }

    /// <summary>The placeholder names, in order.</summary>
    public IReadOnlyList<string> Placeholders { get; }

    /// <summary>Parses <c>container/pattern</c>; fails naming the path when it is not one.</summary>
    public static BlobPathPattern Parse(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == path.Length - 1 || path[..slash].Contains('{', StringComparison.Ordinal))
        {
            throw new FormatException($"Blob path '{path}' must be a literal container, a slash and a name pattern, e.g. 'product-photos/{{name}}'.");
        }

        var pattern = path[(slash + 1)..];
        var regex = new StringBuilder("^");
        var placeholders = new List<string>();
        var position = 0;
        void AppendLiteral(string literal) =>
            regex.Append(literal.IndexOfAny(['{', '}']) < 0
                ? Regex.Escape(literal)
                : throw new FormatException($"Blob path '{path}' has a brace that is not part of a placeholder like {{name}}."));

        foreach (Match placeholder in PlaceholderRegex().Matches(pattern))
        {
            AppendLiteral(pattern[position..placeholder.Index]);
            var name = placeholder.Groups[1].Value;
            if (placeholders.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new FormatException($"Blob path '{path}' uses the placeholder {{{name}}} twice.");
            }

            placeholders.Add(name);
            regex.Append($"(?<{name}>.+?)");
            position = placeholder.Index + placeholder.Length;
        }

        AppendLiteral(pattern[position..]);
        regex.Append('$');

        var prefixEnd = pattern.IndexOf('{', StringComparison.Ordinal);
        return new BlobPathPattern(path[..slash], prefixEnd < 0 ? pattern : pattern[..prefixEnd],
            new Regex(regex.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant), placeholders);
    }

    /// <summary>The placeholder values if the blob's name matches; null otherwise.</summary>
    public IReadOnlyDictionary<string, string>? Match(string container, string blobName)
    {
        if (!string.Equals(container, Container, StringComparison.Ordinal))
        {
            return null;
        }

        var match = _name.Match(blobName);
        return match.Success ? Placeholders.ToDictionary(p => p, p => match.Groups[p].Value) : null;
    }

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex PlaceholderRegex();
}
