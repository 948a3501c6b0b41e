using System.Text;

namespace GoldAnalytics.Data.Kpis.Rebuild;

/// <summary>
/// The product categories a rebuild session has met, each by a small number: the facts and keys carry
/// the number, so grouping hashes an integer and no line allocates its category's string.
/// </summary>
internal sealed class CategoryNames
{
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byChars;
    private readonly List<string> _names = [];
    private readonly List<byte[]> _utf8 = [];

    public CategoryNames() => _byChars = _numbers.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The number of the category with these UTF-8 bytes, given one the first time it is met.</summary>
    public int NumberOf(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = utf8.Length <= 256 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        chars = chars[..Encoding.UTF8.GetChars(utf8, chars)];
        return _byChars.TryGetValue(chars, out var number) ? number : Add(new string(chars));
    }

    /// <summary>The number of the named category, given one the first time it is met.</summary>
    public int NumberOf(string name) => _numbers.TryGetValue(name, out var number) ? number : Add(name);

    public string Name(int number) => _names[number];

    public ReadOnlySpan<byte> Utf8(int number) => _utf8[number];

    /// <summary>Orders two categories by name as the C collation the shop's databases are created with does: byte by byte.</summary>
    public int Compare(int a, int b) => a == b ? 0 : _utf8[a].AsSpan().SequenceCompareTo(_utf8[b]);

    private int Add(string name)
    {
        var number = _names.Count;
        _numbers.Add(name, number);
        _names.Add(name);
        _utf8.Add(Encoding.UTF8.GetBytes(name));
        return number;
    }
}
