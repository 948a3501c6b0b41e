using Npgsql;

namespace GoldAnalytics.Benchmarks.Kpis;

/// <summary>An order-independent fingerprint of every rollup table: its row count and the sum of its rows' 64-bit hashes.</summary>
internal static class RollupFingerprint
{
    private static readonly string[] Tables =
    [
        "sales_daily", "invoice_daily", "product_daily", "customer_daily", "customer_first_purchase", "stock_daily", "expense_daily",
    ];

    public static async Task<Dictionary<string, string>> ReadAsync(NpgsqlDataSource dataSource)
    {
        var fingerprints = new Dictionary<string, string>();
        foreach (var table in Tables)
        {
#pragma warning disable CA2100 // table names are the constants above
            await using var command = dataSource.CreateCommand($"SELECT count(*) || ':' || coalesce(sum(hashtextextended(t::text, 0)), 0) FROM {table} t");
#pragma warning restore CA2100
            command.CommandTimeout = 0;
            fingerprints[table] = (string)(await command.ExecuteScalarAsync())!;
        }

        return fingerprints;
    }
}
