using Dapper;
using Npgsql;

namespace GoldAnalytics.Data.Tests.Kpis.Incremental;

/// <summary>Every row of every rollup table as text, in order, to compare two ways of building them.</summary>
internal static class RollupContents
{
    private static readonly string[] Tables =
    [
        "sales_daily", "invoice_daily", "product_daily", "customer_daily", "customer_first_purchase", "stock_daily", "expense_daily",
    ];

    public static async Task<Dictionary<string, List<string>>> ReadAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var contents = new Dictionary<string, List<string>>();
        foreach (var table in Tables)
        {
#pragma warning disable CA2100 // table names are the constants above
            contents[table] = [.. await connection.QueryAsync<string>($"SELECT t::text FROM {table} t ORDER BY t::text")];
#pragma warning restore CA2100
        }

        return contents;
    }

    /// <summary>Every table equal; those in <paramref name="filled"/> (all by default) must also have rows.</summary>
    public static void ShouldBeEqual(
        Dictionary<string, List<string>> actual, Dictionary<string, List<string>> expected, string actualName, string expectedName, IReadOnlyCollection<string>? filled = null)
    {
        foreach (var table in Tables)
        {
            actual[table].Should().Equal(expected[table], $"{table} {actualName} must equal {table} {expectedName}");
            if (filled is null || filled.Contains(table))
            {
                actual[table].Should().NotBeEmpty($"the shop has rows in {table}");
            }
        }
    }
}
