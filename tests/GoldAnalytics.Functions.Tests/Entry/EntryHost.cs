using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using GoldAnalytics.Runtime.Keys;
using Npgsql;

namespace GoldAnalytics.Functions.Tests.Entry;

/// <summary>The function app with a small shop to enter data into: two branches, staff, products, today's rates and stock.</summary>
public class EntryHost : FunctionAppHost
{
    public static readonly DateOnly Today = new(2026, 11, 20);

    /// <summary>Two branches (DXB refuses negative stock, SHJ allows it), a salesperson each, three products, the rates of <see cref="Today"/> and stock.</summary>
    public const string SeedSql = """
        INSERT INTO branches (id, code, name, city, opened_on, allow_negative_stock) VALUES
            (1, 'DXB', 'Dubai Mall', 'Dubai', '2020-01-01', false), (2, 'SHJ', 'Sharjah Souq', 'Sharjah', '2020-01-01', true);
        INSERT INTO staff (id, branch_id, code, name, hired_on) VALUES (1, 1, 'S1', 'Amal', '2020-01-01'), (2, 2, 'S2', 'Badr', '2020-01-01');
        INSERT INTO product_lines (id, code, name) VALUES (1, 'classic', 'Classic');
        INSERT INTO products (id, sku, name, category, product_line_id, karat, net_weight_g, stone_value, making_charge_type, making_charge_value, unit_cost) VALUES
            (1, 'RNG-22-001', 'Plain wedding band', 'ring', 1, 22, 5.000, 0, 'per_gram', 10, 20),
            (2, 'NCK-18-001', 'Diamond necklace', 'necklace', 1, 18, 12.500, 500, 'percent', 12, 300),
            (3, 'COIN-24-010', 'Gold coin 10 g', 'coin', 1, 24, 10.000, 0, 'per_gram', 2, 5);
        INSERT INTO gold_rates (business_date, karat, buy_per_gram, sell_per_gram) VALUES
            ('2026-11-20', 24, 300, 310), ('2026-11-20', 22, 274.8, 283.96), ('2026-11-20', 18, 225, 232.5);
        INSERT INTO stock_levels (branch_id, product_id, on_hand) VALUES (1, 1, 5), (1, 2, 1), (1, 3, 10), (2, 1, 0);
        SELECT setval(pg_get_serial_sequence('products', 'id'), 100);
        """;

    public string StaffKey { get; private set; } = "";

    public string ViewerKey { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StaffKey = await KeyAsync(Role.Staff);
        ViewerKey = await KeyAsync(Role.Viewer);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.ExecuteAsync(SeedSql);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? key = null, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("x-functions-key", key ?? StaffKey);
        configure?.Invoke(request);
        return Client.SendAsync(request);
    }

    /// <summary>Posts a CSV body to an import (query: mode, culture, dateFormat).</summary>
    public Task<HttpResponseMessage> ImportAsync(string kind, byte[] body, string query = "", string contentType = "text/csv")
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/imports/{kind}{query}") { Content = content };
        request.Headers.Add("x-functions-key", StaffKey);
        return Client.SendAsync(request);
    }

    /// <summary>Posts CSV text encoded as UTF-8 without a byte order mark.</summary>
    public Task<HttpResponseMessage> ImportAsync(string kind, string csv, string query = "") =>
        ImportAsync(kind, System.Text.Encoding.UTF8.GetBytes(csv), query);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return await connection.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException("No value for " + sql);
    }
}
