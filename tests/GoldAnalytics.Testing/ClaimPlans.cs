using System.Text.Json;
using Npgsql;

namespace GoldAnalytics.Testing;

/// <summary>
/// Puts a queue table in the state where the planner picks its worst plan for a claim, and recognises that plan:
/// a nested loop that runs a locking subquery again for every outer row.
/// </summary>
public static class ClaimPlans
{
    /// <summary>
    /// Freezes the table's statistics at what it holds now (best a single row): autovacuum off for it, then ANALYZE,
    /// so rows inserted afterwards are invisible to the planner.
    /// </summary>
    public static async Task FreezeStatisticsAsync(NpgsqlConnection connection, string table)
    {
#pragma warning disable CA2100 // The table is a test's constant.
        await using var command = new NpgsqlCommand($"ALTER TABLE {table} SET (autovacuum_enabled = false); ANALYZE {table}", connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>True when the statement's plan has a nested loop whose inner side is a subquery scan, run once per outer row.</summary>
    public static async Task<bool> RescansSubqueryPerRowAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
#pragma warning disable CA2100 // The statement is a test's constant; values are parameters.
        await using var command = new NpgsqlCommand($"EXPLAIN (FORMAT JSON) {sql}", connection);
#pragma warning restore CA2100
        AddParameters(command, parameters);
        using var plan = JsonDocument.Parse((string)(await command.ExecuteScalarAsync())!);
        return RescansSubquery(plan.RootElement[0].GetProperty("Plan"));
    }

    private static void AddParameters(NpgsqlCommand command, object[] parameters)
    {
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
    }

    private static bool RescansSubquery(JsonElement node)
    {
        if (!node.TryGetProperty("Plans", out var children))
        {
            return false;
        }

        var rescanned = node.GetProperty("Node Type").GetString() == "Nested Loop" && children.EnumerateArray().Any(child =>
            child.GetProperty("Parent Relationship").GetString() == "Inner" && child.GetProperty("Node Type").GetString() == "Subquery Scan");
        return rescanned || children.EnumerateArray().Any(RescansSubquery);
    }
}
