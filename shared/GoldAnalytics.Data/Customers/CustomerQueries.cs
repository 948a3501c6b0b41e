using Dapper;
using GoldAnalytics.Data.Entry;
using Npgsql;

namespace GoldAnalytics.Data.Customers;

/// <summary>A customer as the entry screens show it.</summary>
public sealed record CustomerView(long Id, string Code, string Name, string? Phone, string? Email, string? Birthday, string? City, int? HomeBranchId,
    string RegisteredOn, bool MarketingOptIn, DateTime UpdatedAt);

/// <summary>One autocomplete suggestion: id, code, name, and how well it matched (1 = prefix).</summary>
public sealed record Suggestion(long Id, string Code, string Name, float Score);

/// <summary>Reads customers: by id, and the autocomplete (prefix of code, phone or name, then names similar by trigrams, whole or as a phrase within the name).</summary>
public sealed class CustomerQueries(NpgsqlDataSource dataSource)
{
    private const string FindSql = """
        SELECT id, code, name, phone, email, birthday::text AS Birthday, city, home_branch_id AS HomeBranchId, registered_on::text AS RegisteredOn,
               marketing_opt_in AS MarketingOptIn, updated_at AS UpdatedAt
          FROM customers WHERE id = @id AND deleted_at IS NULL
        """;

    /// <summary>The live customer with this id, or null.</summary>
    public async Task<CustomerView?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CustomerView>(new CommandDefinition(FindSql, new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>The live customer with this id as the write sees it (its own change included), or null.</summary>
    public static Task<CustomerView?> FindAsync(ShopWrite write, long id, CancellationToken cancellationToken) =>
        write.SingleAsync<CustomerView>(FindSql, new { id }, cancellationToken);

    /// <summary>Up to <paramref name="limit"/> live customers matching the text: prefixes first, then the most similar names.</summary>
    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(string text, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<Suggestion>(new CommandDefinition(Autocomplete.Sql("customers", "code", "phone"), Autocomplete.Parameters(text, limit), cancellationToken: cancellationToken))];
    }
}

/// <summary>The autocomplete query both customers and products use.</summary>
public static class Autocomplete
{
    /// <summary>
    /// Prefix matches on the code, a second column and the name (text_pattern_ops indexes), then names
    /// nearest by trigram word similarity (GiST index, <c>&lt;&lt;-&gt;</c>) for typos and spelling variants; best first.
    /// </summary>
    public static string Sql(string table, string code, string? other) => $"""
        WITH prefix AS (
            (SELECT id, {code} AS code, name, 1::real AS score FROM {table}
              WHERE lower({code}) LIKE @prefix AND deleted_at IS NULL ORDER BY lower({code}) LIMIT @limit)
            {(other is null ? "" : $"UNION ALL (SELECT id, {code}, name, 1::real FROM {table} WHERE {other} LIKE @prefix AND deleted_at IS NULL LIMIT @limit)")}
            UNION ALL
            (SELECT id, {code}, name, 1::real FROM {table}
              WHERE lower(name) LIKE @prefix AND deleted_at IS NULL ORDER BY lower(name) LIMIT @limit)),
        -- Only when the prefixes leave room (a one-time filter): the nearest names by word similarity, in GiST index order.
        fuzzy AS (
            SELECT id, {code} AS code, name, (1 - (@text <<-> name))::real AS score FROM {table}
             WHERE (SELECT count(*) FROM prefix) < @limit AND deleted_at IS NULL AND (@text <<-> name) < 0.7
             ORDER BY @text <<-> name LIMIT @limit)
        SELECT id::bigint AS Id, min(code) AS Code, min(name) AS Name, max(score) AS Score
          FROM (SELECT * FROM prefix UNION ALL SELECT * FROM fuzzy) found
         GROUP BY id ORDER BY max(score) DESC, min(name) LIMIT @limit
        """;

    /// <summary>The text as typed, and as a LIKE prefix with its wildcards escaped.</summary>
    public static object Parameters(string text, int limit) => new
    {
        text,
        prefix = text.ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%",
        limit,
    };
}
