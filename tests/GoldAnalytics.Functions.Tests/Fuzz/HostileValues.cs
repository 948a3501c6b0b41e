using System.Text.Json.Nodes;

namespace GoldAnalytics.Functions.Tests.Fuzz;

/// <summary>
/// Values that have broken real systems, by the type a field declares: NUL and control characters, lone
/// surrogates, huge strings, dates PostgreSQL turns into infinity, numbers past every column's precision,
/// nulls inside lists, deep nesting. Each is sent in an otherwise plausible request, one field at a time.
/// </summary>
public static class HostileValues
{
    private static readonly string Huge = new('x', 300_000);

    private static readonly string[] Texts =
    [
        "", " ", "   ", "\u0000", "a\u0000b", "\u0001\u001f", "\t\r\n", HostileText.LoneHigh, HostileText.LoneLow, "\u202eevil", "\ufeff", "e\u0301\u0301\u0301",
        "😀💍", "خاتم ذهب", "' OR 1=1 --", "'; DROP TABLE customers; --", "<script>alert(1)</script>", "${jndi:ldap://x}", "%s%n", "../../etc/passwd",
        "null", "NaN", "Infinity", "-infinity", "infinity", "0001-01-01", "9999-12-31", "-1", "1e400", new string('z', 1_001), new string('ß', 5_000), Huge,
    ];

    private static readonly string[] Dates =
    [
        "0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01", "0000-00-00", "infinity", "-infinity", "2026-02-30", "2026-13-01", "20261120",
        "2026-11-20T10:00:00Z", "+275760-09-13", "1969-12-31", "", "a\u0000b",
    ];

    private static readonly string[] DateTimes =
    [
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1899-12-31T23:59:59Z", "2101-01-01T00:00:00Z", "infinity", "-infinity",
        "2026-11-20T25:00:00Z", "2026-11-20T10:00:00+14:00", "2026-11-20T10:00:00-12:00", "2026-11-20", "0001-01-01T00:00:00+14:00", "", "\u0000",
    ];

    private static readonly JsonNode?[] Integers =
    [
        0, -1, int.MaxValue, int.MinValue, long.MaxValue, long.MinValue, JsonNode.Parse("1e20"), JsonNode.Parse("99999999999999999999999"), 1.5, "1", true, null,
        JsonNode.Parse("-0"), JsonNode.Parse("1E2"),
    ];

    private static readonly JsonNode?[] Numbers =
    [
        0, -1, -0.001, 0.001, JsonNode.Parse("1e-30"), JsonNode.Parse("1e30"), JsonNode.Parse("1e308"), JsonNode.Parse("79228162514264337593543950335"),
        JsonNode.Parse("79228162514264337593543950336"), JsonNode.Parse("123456789012345.678"), JsonNode.Parse("0.123456789012345678901234567890"),
        long.MaxValue, "1", "NaN", true, null,
    ];

    private static readonly JsonNode?[] Booleans = ["true", 0, 1, null, "yes"];

    /// <summary>Hostile JSON values for a field of this schema (the plausible one is the baseline, not listed).</summary>
    public static IEnumerable<JsonNode?> ForJson(SchemaFacts schema, JsonNode? plausible)
    {
        IEnumerable<JsonNode?> values = schema.Type switch
        {
            "string" when schema.Format == "date" => [.. Dates.Select(d => (JsonNode?)d), null, 20261120],
            "string" when schema.Format == "date-time" => [.. DateTimes.Select(d => (JsonNode?)d), null, 0],
            "string" => [.. Texts.Select(t => (JsonNode?)t), null, 42, new JsonArray("a"), new JsonObject()],
            "integer" => Integers,
            "number" => Numbers,
            "boolean" => Booleans,
            "array" => ArrayValues(schema, plausible),
            "object" => [null, new JsonObject(), new JsonArray(), "x", Nested(2_000)],
            _ => [null, "\u0000", Huge],
        };
        return values.Select(v => v?.DeepClone());
    }

    /// <summary>Hostile text for a route or query value of this schema.</summary>
    public static IEnumerable<string> ForText(SchemaFacts schema) => (schema.Type, schema.Format) switch
    {
        ("string", "date") => Dates,
        ("string", "date-time") => DateTimes,
        ("integer", _) => ["0", "-1", "2147483648", "-2147483649", "9223372036854775808", "1e3", "1.5", "0x10", " 1000000", "1000000 ", "", "\u0000", "١"],
        ("number", _) => ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "79228162514264337593543950336", "0.1e-400", "1,5", "", "\u0000"],
        ("boolean", _) => ["yes", "1", "", "\u0000", "TRUE "],
        _ => [.. Texts.Where(t => t.Length < 20_000)],
    };

    private static IEnumerable<JsonNode?> ArrayValues(SchemaFacts schema, JsonNode? plausible)
    {
        yield return null;
        yield return new JsonArray();
        yield return new JsonArray((JsonNode?)null);
        yield return new JsonArray(new JsonObject());
        yield return new JsonArray("\u0000");
        yield return new JsonArray(JsonNode.Parse("[[[[[[1]]]]]]"));
        if (plausible is JsonArray { Count: > 0 } items)
        {
            var many = new JsonArray();
            for (var i = 0; i < 5_000; i++)
            {
                many.Add(items[0]!.DeepClone());
            }

            yield return many;
            yield return new JsonArray(items[0]!.DeepClone(), null);
        }

        if (schema.Items is { Type: "string" })
        {
            yield return new JsonArray("", " ", "a\u0000b");
        }
    }

    private static JsonNode Nested(int depth)
    {
        JsonNode node = new JsonObject();
        for (var i = 0; i < depth; i++)
        {
            node = new JsonObject { ["a"] = node };
        }

        return node;
    }
}
