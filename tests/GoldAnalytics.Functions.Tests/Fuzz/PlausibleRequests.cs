using System.Globalization;
using System.Text.Json.Nodes;

namespace GoldAnalytics.Functions.Tests.Fuzz;

/// <summary>
/// Builds valid-looking requests from an operation's schema and the shop's own vocabulary, so that one hostile
/// field travels past validation of the others into the handler and the database.
/// </summary>
public sealed class PlausibleRequests(Func<string, string?> existingId)
{
    private int _unique;

    /// <summary>The value a shop would send for a field of this name and schema in a request to <paramref name="path"/>.</summary>
    public JsonNode? Value(string path, string name, SchemaFacts schema)
    {
        if (schema.Enum.Count > 0)
        {
            return schema.Enum[^1];
        }

        var lower = name.ToLowerInvariant();
        var known = Known(path, lower);
        return !ReferenceEquals(known, Unknown) ? known : ByType(path, name, lower, schema);
    }

    private JsonNode? ByType(string path, string name, string lower, SchemaFacts schema) =>
        schema.Type switch
        {
            "string" when schema.Format == "date" => lower.Contains("month", StringComparison.Ordinal) ? "2026-11-01" : EntryDay,
            "string" when schema.Format == "date-time" => "2026-11-20T10:00:00Z",
            "string" => $"fuzz {Interlocked.Increment(ref _unique)}",
            "integer" => lower.EndsWith("id", StringComparison.Ordinal) || lower is "branch" or "salesperson" or "productline" ? 1 : 2,
            "number" => 1.5m,
            "boolean" => true,
            "array" when schema.Items is { } items => new JsonArray(Value(path, Singular(name), items)),
            "array" => new JsonArray(),
            "object" => Body(path, schema),
            _ => null,
        };

    /// <summary>A body with every field of the schema set to a plausible value.</summary>
    public JsonObject Body(string path, SchemaFacts schema)
    {
        var body = new JsonObject();
        foreach (var (name, field, required) in schema.Properties)
        {
            if (!required && OptionalLeftOut(path, name))
            {
                continue;
            }

            var value = Value(path, name, field);
            if (value is null && required)
            {
                value = ByType(path, name, name.ToLowerInvariant(), field);
            }

            if (value is not null || required)
            {
                body[name] = value;
            }
        }

        return body;
    }

    /// <summary>Text for a route or query parameter.</summary>
    public string Text(string path, OperationParameter parameter)
    {
        if (parameter.In == "path" && parameter.Name is "id" or "instanceId" && existingId(CollectionOf(path)) is { } id)
        {
            return id;
        }

        var value = Value(path, parameter.Name, new SchemaFacts(parameter.Schema));
        return value switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => value.ToJsonString(),
        };
    }

    /// <summary>The collection an item path belongs to: <c>/api/products/{id}</c> → <c>/api/products</c>.</summary>
    public static string CollectionOf(string path) => path.IndexOf("/{", StringComparison.Ordinal) is var brace and >= 0 ? path[..brace] : path;

    private const string EntryDay = "2026-11-20";

    private JsonNode? Known(string path, string name) => name switch
    {
        "code" => $"FZ{Interlocked.Increment(ref _unique)}",
        "sku" => $"FZ-{Interlocked.Increment(ref _unique)}",
        "number" => $"INV-FZ-{Interlocked.Increment(ref _unique)}",
        "email" => "fuzz@example.com",
        "phone" => "+971500000001",
        "from" or "firstday" => "2026-11-01",
        "to" or "lastday" => "2026-11-30",
        "asof" => "2026-11-20",
        "date" => EntryDay,
        "karat" => 22,
        "quantity" => 1,
        "horizon" => 4,
        "months" => 12,
        "page" => 1,
        "pagesize" or "limit" => 10,
        "metal" => "yellow_gold",
        "makingchargetype" => "per_gram",
        "kind" when path.Contains("/stock/", StringComparison.Ordinal) => "receipt",
        "kind" when path.Contains("/imports/", StringComparison.Ordinal) => "expenses",
        "category" when path.Contains("/expenses", StringComparison.Ordinal) => "rent",
        "category" => "ring",
        "metric" or "kpi" => "revenue",
        "q" => "Zo",
        "role" => "viewer",
        "level" => "shop",
        "grain" => "month",
        "scope" => "shop",
        "url" => "https://127.0.0.1:9/hooks/fuzz",
        "eventkind" => "sales.invoice.created",
        "name" when path.Contains("/keys", StringComparison.Ordinal) => $"fuzz-key-{Interlocked.Increment(ref _unique)}",
        "customerid" => existingId("/api/customers") is { } id ? long.Parse(id, CultureInfo.InvariantCulture) : null,
        "invoicelineid" => existingId("/api/sales/invoices#line") is { } line ? long.Parse(line, CultureInfo.InvariantCulture) : 1,
        "supplierid" => null,
        "weightgrams" or "goldrate" or "makingcharge" or "stonevalue" or "discount" or "taxrate" or "linetotal" or "total" or "amount" => null,
        "buypergram" => 300m,
        "sellpergram" => 310m,
        "value" => 1000m,
        "netweightg" => 5m,
        "makingchargevalue" => 10m,
        "unitcost" => 20m,
        "successat" => 1.0m,
        "warningat" => 0.9m,
        "minsupport" => 0.01m,
        "carryingrate" => 0.2m,
        "deadstockdays" => 180,
        "reconciliation" or "state" or "subscriber" or "model" or "pattern" or "action" or "key" or "culture" or "dateformat" or "filename" => null,
        _ => Unknown,
    };

    // Marks a name the vocabulary above does not know: its value follows from the schema's type.
    private static readonly JsonNode Unknown = JsonValue.Create("unknown");

    private static bool OptionalLeftOut(string path, string name) =>
        name is "supplierId" or "customerId" or "total" or "issuedAt" || (path.Contains("/webhooks/", StringComparison.Ordinal) && name == "enabled");

    private static string Singular(string name) => name.EndsWith('s') ? name[..^1] : name;
}
