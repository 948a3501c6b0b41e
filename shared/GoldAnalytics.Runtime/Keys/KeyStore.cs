using Dapper;
using Npgsql;

namespace GoldAnalytics.Runtime.Keys;

/// <summary>Function keys in PostgreSQL (<c>runtime.function_keys</c>), stored as hashes.</summary>
public sealed class KeyStore(NpgsqlDataSource database)
{
    /// <summary>Creates a key and returns it with its secret, the only time the secret is available.</summary>
    public async Task<CreatedFunctionKey> CreateAsync(string name, Role role, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await InsertAsync(connection, null, name, role, cancellationToken);
    }

    /// <summary>Revokes every active key with this name and creates a fresh admin key under it, in one transaction.</summary>
    public async Task<CreatedFunctionKey> BootstrapAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE runtime.function_keys SET revoked_at = now()
            WHERE name = @name AND revoked_at IS NULL
            """,
            new { name }, transaction, cancellationToken: cancellationToken));
        var created = await InsertAsync(connection, transaction, name, Role.Admin, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    /// <summary>Every key, newest first; revoked keys only when asked for.</summary>
    public async Task<IReadOnlyList<FunctionKey>> ListAsync(bool includeRevoked, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM runtime.function_keys
            WHERE @includeRevoked OR revoked_at IS NULL
            ORDER BY created_at DESC, name
            """,
            new { includeRevoked }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToKey())];
    }

    /// <summary>Revokes the key; returns it, or null when there is no such key. Revoking twice keeps the first time.</summary>
    public async Task<FunctionKey?> RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            $"""
            UPDATE runtime.function_keys SET revoked_at = coalesce(revoked_at, now())
            WHERE id = @id
            RETURNING {Columns}
            """,
            new { id }, cancellationToken: cancellationToken));
        return row?.ToKey();
    }

    /// <summary>The active key whose secret has this hash, or null.</summary>
    public async Task<FunctionKey?> FindActiveAsync(byte[] secretHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM runtime.function_keys
            WHERE secret_hash = @secretHash AND revoked_at IS NULL
            """,
            new { secretHash }, cancellationToken: cancellationToken));
        return row?.ToKey();
    }

    private static async Task<CreatedFunctionKey> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string name, Role role, CancellationToken cancellationToken)
    {
        var secret = KeySecret.Create();
        var row = await connection.QuerySingleAsync<KeyRow>(new CommandDefinition(
            $"""
            INSERT INTO runtime.function_keys (name, role, prefix, secret_hash)
            VALUES (@name, @role, @prefix, @hash)
            RETURNING {Columns}
            """,
            new { name, role = RoleNames.Of(role), prefix = KeySecret.PrefixOf(secret), hash = KeySecret.Hash(secret) },
            transaction, cancellationToken: cancellationToken));
        return new CreatedFunctionKey(row.ToKey(), secret);
    }

    private const string Columns = "id, name, role, prefix, created_at AS createdat, revoked_at AS revokedat";

    private sealed record KeyRow(Guid Id, string Name, string Role, string Prefix, DateTime CreatedAt, DateTime? RevokedAt)
    {
        public FunctionKey ToKey() => new(Id, Name, RoleNames.Parse(Role), Prefix,
            new DateTimeOffset(CreatedAt, TimeSpan.Zero), RevokedAt is { } revoked ? new DateTimeOffset(revoked, TimeSpan.Zero) : null);
    }
}

/// <summary>Roles as they are written in the database, the API and the command line.</summary>
public static class RoleNames
{
    /// <summary>The lower-case name of a role.</summary>
    public static string Of(Role role) => role.ToString().ToLowerInvariant();

    /// <summary>The role with this name (case-insensitive); throws for anything else.</summary>
    public static Role Parse(string name) =>
        TryParse(name, out var role) ? role : throw new ArgumentException($"Unknown role '{name}'; use one of {string.Join(", ", Enum.GetValues<Role>().Select(Of))}.", nameof(name));

    /// <summary>The role with exactly this name (any letter case), if there is one: no numbers, lists or padding.</summary>
    public static bool TryParse(string? name, out Role role) => Invocation.EnumNames.TryParse(name, out role);
}
