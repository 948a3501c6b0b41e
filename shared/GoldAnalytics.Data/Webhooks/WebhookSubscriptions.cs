using Dapper;
using Npgsql;

namespace GoldAnalytics.Data.Webhooks;

/// <summary>A webhook subscription as managers see it (never the secret, only its first characters).</summary>
public sealed record WebhookSubscription
{
    public Guid Id { get; init; }

    public string Name { get; init; } = "";

    public string Url { get; init; } = "";

    public string[] EventKinds { get; init; } = [];

    public string SecretPrefix { get; init; } = "";

    public bool Enabled { get; init; }

    public string? DisabledReason { get; init; }

    public int ConsecutiveFailures { get; init; }

    public string CreatedBy { get; init; } = "";

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }
}

/// <summary>The subscription's sealed secret and the key id it was sealed under.</summary>
public sealed record SealedSecret(byte[] Ciphertext, string KeyId, string Prefix);

/// <summary>Webhook subscriptions: create with a sealed secret, list, change, delete.</summary>
public sealed class WebhookSubscriptions(NpgsqlDataSource dataSource)
{
    /// <summary>Stores a subscription under the id its secret was sealed for.</summary>
    public async Task<WebhookSubscription> CreateAsync(Guid id, string name, Uri url, string[] eventKinds, SealedSecret secret, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<WebhookSubscription>(new CommandDefinition($"""
            INSERT INTO webhook_subscriptions (id, name, url, event_kinds, secret_ciphertext, secret_key_id, secret_prefix, created_by)
            VALUES (@id, @name, @url, @eventKinds, @Ciphertext, @KeyId, @Prefix, @actor)
            RETURNING {Columns}
            """, new { id, name, url = url.ToString(), eventKinds, secret.Ciphertext, secret.KeyId, secret.Prefix, actor }, cancellationToken: cancellationToken));
    }

    /// <summary>Every subscription, by name.</summary>
    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<WebhookSubscription>(new CommandDefinition(
            $"SELECT {Columns} FROM webhook_subscriptions ORDER BY name, id", cancellationToken: cancellationToken))];
    }

    /// <summary>One subscription, or null.</summary>
    public async Task<WebhookSubscription?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<WebhookSubscription>(new CommandDefinition(
            $"SELECT {Columns} FROM webhook_subscriptions WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Changes what is given; enabling clears the failure count and the reason. Returns the subscription, or null.</summary>
    public async Task<WebhookSubscription?> UpdateAsync(Guid id, string? name, Uri? url, string[]? eventKinds, bool? enabled, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<WebhookSubscription>(new CommandDefinition($"""
            UPDATE webhook_subscriptions
               SET name = coalesce(@name, name), url = coalesce(@url, url), event_kinds = coalesce(@eventKinds, event_kinds),
                   enabled = coalesce(@enabled, enabled),
                   disabled_reason = CASE WHEN @enabled IS NULL THEN disabled_reason WHEN @enabled THEN NULL ELSE 'disabled by a manager' END,
                   consecutive_failures = CASE WHEN @enabled THEN 0 ELSE consecutive_failures END,
                   updated_at = now()
             WHERE id = @id
            RETURNING {Columns}
            """, new { id, name, url = url?.ToString(), eventKinds, enabled }, cancellationToken: cancellationToken));
    }

    /// <summary>Replaces the secret; returns the subscription as changed, or null when there is no such subscription.</summary>
    public async Task<WebhookSubscription?> ReplaceSecretAsync(Guid id, SealedSecret secret, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<WebhookSubscription>(new CommandDefinition($"""
            UPDATE webhook_subscriptions SET secret_ciphertext = @Ciphertext, secret_key_id = @KeyId, secret_prefix = @Prefix, updated_at = now() WHERE id = @id
            RETURNING {Columns}
            """, new { id, secret.Ciphertext, secret.KeyId, secret.Prefix }, cancellationToken: cancellationToken));
    }

    /// <summary>Deletes the subscription with its deliveries; false when there was none.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM webhook_subscriptions WHERE id = @id", new { id }, cancellationToken: cancellationToken)) == 1;
    }

    private const string Columns = """
        id AS Id, name AS Name, url AS Url, event_kinds AS EventKinds, secret_prefix AS SecretPrefix, enabled AS Enabled, disabled_reason AS DisabledReason,
        consecutive_failures AS ConsecutiveFailures, created_by AS CreatedBy, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;
}
