using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using GoldAnalytics.Functions.Tests.Entry;
using Npgsql;

namespace GoldAnalytics.Functions.Tests.Fuzz;

/// <summary>
/// The app on the small entry shop, with one live record behind every collection of the API (created through
/// the API itself), so that route ids and references in plausible requests point at real rows.
/// </summary>
public sealed class HostileValueHost : EntryHost
{
    private static readonly JsonSerializerOptions Deep = new() { MaxDepth = 5_000, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ConcurrentDictionary<string, string> _ids = new();
    private string _countsSql = "";
    private string _datesSql = "";

    /// <summary>Collections whose records the fuzz suite keeps one of, in the order they depend on each other.</summary>
    public static readonly string[] Collections =
        ["/api/customers", "/api/products", "/api/expenses", "/api/sales/invoices", "/api/sales/refunds", "/api/stock/movements", "/api/forecasting/festivals", "/api/webhooks", "/api/keys"];

    public IReadOnlyList<OpenApiOperation> Operations { get; private set; } = [];

    public PlausibleRequests Plausible { get; }

    public HostileValueHost() => Plausible = new PlausibleRequests(collection => _ids.TryGetValue(collection, out var id) ? id : null);

    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        // Webhook subscriptions may point at this machine only in tests.
        ["GA_WEBHOOKS:AllowedAddresses"] = "127.0.0.1",
        ["GA_WEBHOOK_SECRET_KEY"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/openapi.json");
        request.Headers.Add("x-functions-key", AdminKey);
        using var response = await Client.SendAsync(request);
        Operations = OpenApiOperations.Read(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
        await using var connection = new NpgsqlConnection(ConnectionString);
        var tables = (await connection.QueryAsync<string>("""
            SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables
             WHERE table_type = 'BASE TABLE' AND (table_schema = 'public' OR (table_schema, table_name) IN (('runtime', 'function_keys'), ('durable', 'instances')))
               -- Attempts are written in the background by retries of events that accepted requests raised.
               AND table_name <> 'webhook_attempts'
             ORDER BY 1
            """)).ToList();
        _countsSql = "SELECT t, n FROM (" + string.Join(" UNION ALL ", tables.Select(t => $"SELECT '{t}' AS t, count(*) AS n FROM {t}")) + ") c";
        var dates = (await connection.QueryAsync<(string Table, string Column)>("""
            SELECT format('%I.%I', table_schema, table_name), quote_ident(column_name) FROM information_schema.columns
             WHERE table_schema = 'public' AND data_type IN ('date', 'timestamp without time zone', 'timestamp with time zone')
               AND (table_schema, table_name) IN (SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE')
            """)).ToList();
        _datesSql = string.Join(" UNION ALL ", dates.Select(d =>
            $"SELECT '{d.Table}.{d.Column}' AS c, count(*) AS n FROM {d.Table} WHERE {d.Column}::date NOT BETWEEN '1900-01-01' AND '2100-12-31' HAVING count(*) > 0"));
        // Plenty of stock, so that plausible sales stay possible however many the suite makes.
        await connection.ExecuteAsync("UPDATE stock_levels SET on_hand = 1000000");
        await EnsureRecordsAsync();
    }

    /// <summary>Creates, through the API, a record in every collection that has none (a fuzzed DELETE may have removed it).</summary>
    public async Task EnsureRecordsAsync()
    {
        foreach (var collection in Collections)
        {
            if (_ids.ContainsKey(collection) || Operations.FirstOrDefault(o => o.Method == "POST" && o.Path == collection) is not { Body: { } schema })
            {
                continue;
            }

            var body = Plausible.Body(collection, new SchemaFacts(schema));
            using var response = await SendAsync("POST", collection, body.ToJsonString(Deep));
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Plausible POST {collection} answered {(int)response.StatusCode}: {text} for {body.ToJsonString()}");
            }

            Remember(collection, JsonDocument.Parse(text).RootElement);
        }
    }

    /// <summary>Forgets the record of a collection whose DELETE succeeded.</summary>
    public void Forget(string collection) => _ids.TryRemove(collection, out _);

    public void Remember(string collection, JsonElement created)
    {
        if (created.ValueKind == JsonValueKind.Object && created.TryGetProperty("id", out var id))
        {
            _ids[collection] = id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText();
        }

        if (collection == "/api/sales/invoices" && created.TryGetProperty("lines", out var lines) && lines.GetArrayLength() > 0)
        {
            _ids[collection + "#line"] = lines[0].GetProperty("id").GetRawText();
        }
    }

    public async Task<HttpResponseMessage> SendAsync(string method, string pathAndQuery, string? json, string? key = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), pathAndQuery);
        request.Headers.Add("x-functions-key", key ?? AdminKey);
        if (method == "PUT" && await ETagAsync(pathAndQuery, key) is { } etag)
        {
            // Replacing a record takes the version it was read at, as a client would send it.
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        if (json is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private async Task<string?> ETagAsync(string pathAndQuery, string? key)
    {
        using var read = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        read.Headers.Add("x-functions-key", key ?? AdminKey);
        using var response = await Client.SendAsync(read);
        return response.IsSuccessStatusCode ? response.Headers.ETag?.ToString() : null;
    }

    public static string Serialize(JsonNode? body) => body is null ? "null" : HostileText.Unmark(body.ToJsonString(Deep));

    /// <summary>Rows of every shop table, the keys and the orchestrations, as they are now.</summary>
    public async Task<Dictionary<string, long>> CountsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
#pragma warning disable CA2100 // table names come from the catalogue
        return (await connection.QueryAsync<(string T, long N)>(_countsSql)).ToDictionary(r => r.T, r => r.N);
#pragma warning restore CA2100
    }

    /// <summary>
    /// The counts once the background work an accepted request started has settled: its outbox events delivered,
    /// its orchestrations finished, and two readings apart agreeing.
    /// </summary>
    public async Task<Dictionary<string, long>> SettledCountsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && await connection.ExecuteScalarAsync<bool>("""
            SELECT EXISTS (SELECT 1 FROM outbox_events WHERE delivered_at IS NULL AND occurred_at > now() - interval '1 minute')
                OR EXISTS (SELECT 1 FROM durable.instances WHERE runtime_status IN ('Pending', 'Running') AND created_at > now() - interval '1 minute')
            """))
        {
            await Task.Delay(25);
        }

        var counts = await CountsAsync();
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(150);
            var again = await CountsAsync();
            if (again.Count == counts.Count && again.All(c => counts.GetValueOrDefault(c.Key) == c.Value))
            {
                break;
            }

            counts = again;
        }

        return counts;
    }

    /// <summary>Date and timestamp columns holding a value outside 1900–2100 (infinity included), with how many.</summary>
    public async Task<IReadOnlyList<string>> DatesOutOfRangeAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
#pragma warning disable CA2100 // column names come from the catalogue
        return [.. (await connection.QueryAsync<(string C, long N)>(_datesSql)).Select(r => $"{r.C}: {r.N.ToString(CultureInfo.InvariantCulture)} rows")];
#pragma warning restore CA2100
    }
}

/// <summary>Text the JSON writer cannot carry (lone surrogates), written as markers and put into the request text afterwards.</summary>
public static class HostileText
{
    public const string LoneHigh = "⟦D800⟧";
    public const string LoneLow = "⟦DFFF⟧";

    public static string Unmark(string json) => json.Replace(LoneHigh, "\\ud800", StringComparison.Ordinal).Replace(LoneLow, "\\udfff", StringComparison.Ordinal);

    /// <summary>For a URL: the markers as the bytes of an encoded surrogate, which is not valid UTF-8.</summary>
    public static string Escape(string text) =>
        Uri.EscapeDataString(text).Replace(Uri.EscapeDataString(LoneHigh), "%ED%A0%80", StringComparison.Ordinal).Replace(Uri.EscapeDataString(LoneLow), "%ED%BF%BF", StringComparison.Ordinal);
}
